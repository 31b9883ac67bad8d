"""The article page (the desk's reading view) and marking a claim on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from annotate import forms, roles, selectors, services
from annotate.errors import DeskError
from annotate.presentation import body_runs, render_body
from annotate.views._common import desk_view, is_htmx, pane_context, parsed
from claimdesk.pages import page_error
from claimdesk.types import AuthenticatedHttpRequest
from claims.models import Article, ClaimStatus
from claims.roles import can_manage_articles


@desk_view
@require_GET
def article(request: HttpRequest, article_id: int) -> HttpResponse:
    try:
        art, sentences, claims = selectors.article_desk(user=request.user, article_id=article_id)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None
    scale = selectors.verdict_map()
    views = [selectors.claim_view(c, request.user, scale) for c in claims]
    dismissed = sum(1 for c in claims if c.status == ClaimStatus.DISMISSED)
    context: dict[str, Any] = {
        "article": art,
        "sentences": sentences,
        "views": views,
        # Counted as Article.claim_count counts: the dismissed ones are listed apart.
        "claim_count": len(claims) - dismissed,
        "dismissed_count": dismissed,
        "body_html": render_body(body_runs(art.body, sentences, views)),
        "verdicts": [v for v in scale.values() if v.is_active],
        "can_mark": roles.can_mark(request.user),
        "can_manage": can_manage_articles(request.user),
    }
    selected = request.GET.get("claim", "")
    current = next((c for c in claims if str(c.pk) == selected), None)
    if current is not None:
        current = selectors.claim_detail(user=request.user, claim_id=current.pk)
        context.update(pane_context(request, current, scale))
    return render(request, "annotate/article.html", context)


@desk_view
@require_POST
def mark(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    art = Article.objects.filter(pk=article_id).first()
    if art is None:
        raise Http404("No such article.")
    try:
        data = parsed(forms.MarkForm(request.POST))
        if data["quote"]:
            data["start"], data["end"] = services.find_quote(article=art, quote=data["quote"])
        claim = services.claim_mark(
            article=art,
            start=data["start"],
            end=data["end"],
            claimant=data["claimant"],
            by=request.user,
        )
    except DeskError as exc:
        if is_htmx(request):
            return render(
                request,
                "annotate/_desk_status.html",
                {"error": exc},
                status=page_error(request, exc),
            )
        page_error(request, exc, flash=True)
        return redirect("annotate:article", article_id=article_id)
    target = reverse("annotate:article", args=[article_id]) + f"?claim={claim.pk}"
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    messages.success(request, f"Marked claim #{claim.pk}.")
    return redirect(target)
