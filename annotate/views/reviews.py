"""A reviewer's review of a claim: saving, submitting, and its sources."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from annotate import forms, selectors, services
from annotate.errors import DeskError
from annotate.models import Source, Stance
from annotate.views._common import act, claim_or_404, desk_view, is_htmx, pane, parsed
from claimdesk.pages import page_error
from claimdesk.types import AuthenticatedHttpRequest
from claims.models import Claim


def _review_args(request: HttpRequest) -> dict[str, Any]:
    data = parsed(forms.ReviewForm(request.POST))
    return {
        "verdict": data["verdict"] or None,
        "rationale": data["rationale"],
        "confidence": data["confidence"],
        "version": data["version"],
    }


@desk_view
@require_POST
def review_save(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    """Autosave: answers with the save status and the review's new version only."""
    claim = claim_or_404(request, claim_id)
    try:
        review = services.review_save(claim=claim, by=request.user, **_review_args(request))
    except DeskError as exc:
        if not is_htmx(request):
            return pane(request, claim_id, error=exc)
        return render(
            request, "annotate/_autosave.html", {"error": exc}, status=page_error(request, exc)
        )
    if not is_htmx(request):
        return pane(request, claim_id, notice="Draft saved.")
    return render(request, "annotate/_autosave.html", {"review": review})


@desk_view
@require_POST
def review_submit(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return act(
        request,
        claim_id,
        lambda c: services.review_submit(claim=c, by=request.user, **_review_args(request)),
        "Review submitted.",
    )


def _sources(
    request: HttpRequest, claim_id: int, run: Callable[[Claim], Any], notice: str
) -> HttpResponse:
    """Source changes answer with the sources box only, so unsaved review text survives."""
    claim = claim_or_404(request, claim_id)
    error = None
    try:
        run(claim)
    except DeskError as exc:
        error = exc
    if not is_htmx(request):
        return pane(request, claim_id, error=error, notice=notice)
    own = next(
        (
            r
            for r in selectors.reviews_visible(claim=claim, user=request.user)
            if r.reviewer_id == request.user.pk
        ),
        None,
    )
    return render(
        request,
        "annotate/_sources.html",
        {
            "claim": claim,
            "own": own,
            "source_error": error,
            "source_notice": "" if error else notice,
            "posted": request.POST if error else {},
            "stances": Stance.choices,
            "oob": True,
        },
        status=page_error(request, error),
    )


@desk_view
@require_POST
def source_add(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.SourceForm(request.POST))
        return services.source_add(claim=claim, by=request.user, **data)

    return _sources(request, claim_id, run, "Source added.")


@desk_view
@require_POST
def source_remove(request: AuthenticatedHttpRequest, claim_id: int, source_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        source = Source.objects.filter(pk=source_id, review__claim=claim).first()
        if source is None:
            raise DeskError("That source no longer exists.", code="gone")
        services.source_remove(source=source, by=request.user)

    return _sources(request, claim_id, run, "Source removed.")
