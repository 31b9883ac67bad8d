"""The public pages: an index of published fact-checks and one page per fact-check."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim
from publishing import selectors
from publishing.exports.jsonld import claim_review
from publishing.exports.rows import claim_batches

CONTEXT_CHARS = 280


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def jsonld_script(data: Any) -> SafeString:
    """JSON for a <script type="application/ld+json">: nothing in it can close the tag."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every markup character is escaped above


def fact_check_list(request: HttpRequest) -> HttpResponse:
    claims = selectors.published_claims().defer("article__body").order_by("-updated_at", "-id")
    page = Paginator(claims, 25).get_page(request.GET.get("page"))
    return render(request, "publishing/fact_check_list.html", {"page": page})


def fact_check_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    try:
        claim, decision, sources, corrections = selectors.published_claim(claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No published fact-check with this number.") from None
    item = next(claim_batches(Claim.objects.filter(pk=claim.pk)))[0]
    body = claim.article.body
    context = {
        "claim": claim,
        "decision": decision,
        "sources": sources,
        "corrections": corrections,
        "before": body[max(0, claim.start - CONTEXT_CHARS) : claim.start],
        "after": body[claim.end : claim.end + CONTEXT_CHARS],
        "rationale": item.rationale,
        "jsonld": jsonld_script(claim_review(item, _site(request))),
    }
    return render(request, "publishing/fact_check_detail.html", context)
