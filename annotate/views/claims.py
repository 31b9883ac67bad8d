"""A claim's page, pane and history, the workflow actions on it, the claim list and bulk actions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from annotate import forms, history, roles, selectors, services
from annotate.errors import DeskError, DeskForbidden
from annotate.views._common import (
    DISMISS_REASONS,
    act,
    claim_or_404,
    desk_view,
    is_htmx,
    pane_context,
    parsed,
    versioned,
)
from claimdesk.pages import page_error
from claimdesk.redirects import next_url
from claimdesk.types import AuthenticatedHttpRequest
from claims.models import Claim, ClaimStatus


@desk_view
@require_GET
def claim_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_or_404(request, claim_id)
    context = pane_context(request, claim)
    context["timeline"] = history.claim_timeline(claim=claim, user=request.user)
    context["on_claim_page"] = True
    return render(request, "annotate/claim.html", context)


@desk_view
@require_GET
def claim_pane(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_or_404(request, claim_id)
    return render(request, "annotate/_claim_pane.html", pane_context(request, claim))


@desk_view
@require_GET
def claim_history(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = claim_or_404(request, claim_id)
    timeline = history.claim_timeline(claim=claim, user=request.user)
    template = "annotate/_history.html" if is_htmx(request) else "annotate/history.html"
    return render(request, template, {"claim": claim, "timeline": timeline})


@desk_view
@require_POST
def accept(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return act(
        request,
        claim_id,
        lambda c: services.claim_accept(claim=c, by=request.user, version=versioned(request)),
        "Accepted as a claim to check.",
    )


@desk_view
@require_POST
def dismiss(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.ReasonForm(request.POST))
        return services.claim_dismiss(
            claim=claim, reason=data["reason"], by=request.user, version=data["version"]
        )

    return act(request, claim_id, run, "Dismissed.")


@desk_view
@require_POST
def restore(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return act(
        request,
        claim_id,
        lambda c: services.claim_restore(claim=c, by=request.user, version=versioned(request)),
        "Restored.",
    )


@desk_view
@require_POST
def claimant(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.ClaimantForm(request.POST))
        return services.claim_set_claimant(
            claim=claim, claimant=data["claimant"], by=request.user, version=data["version"]
        )

    return act(request, claim_id, run, "Claimant saved.")


@desk_view
@require_POST
def assign(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.AssignForm(request.POST, reviewers=selectors.reviewers()))
        return services.claim_assign(
            claim=claim, reviewers=list(data["reviewers"]), by=request.user, version=data["version"]
        )

    return act(request, claim_id, run, "Assigned.")


@desk_view
@require_POST
def unassign(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.UnassignForm(request.POST))
        reviewer = selectors.reviewers().filter(pk=data["reviewer"]).first()
        if reviewer is None:
            raise DeskError("No such reviewer.", code="invalid")
        return services.claim_unassign(
            claim=claim, reviewer=reviewer, by=request.user, version=data["version"]
        )

    return act(request, claim_id, run, "Reviewer removed.")


@desk_view
@require_POST
def publish(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return act(
        request,
        claim_id,
        lambda c: services.claim_publish(claim=c, by=request.user, version=versioned(request)),
        "Published.",
    )


@desk_view
@require_POST
def unpublish(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = parsed(forms.ReasonForm(request.POST))
        return services.claim_unpublish(
            claim=claim, reason=data["reason"], by=request.user, version=data["version"]
        )

    return act(request, claim_id, run, "Unpublished.")


@desk_view
def adjudicate(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    """Reviews side by side, and the editor's final verdict with a note."""
    if not roles.can_adjudicate(request.user):
        raise PermissionDenied("Only editors adjudicate claims.")
    claim = claim_or_404(request, claim_id)
    error = None
    if request.method == "POST":
        try:
            data = parsed(forms.DecisionForm(request.POST))
            services.claim_decide(
                claim=claim,
                verdict=data["verdict"],
                note=data["note"],
                correction_note=data["correction_note"],
                by=request.user,
                version=data["version"],
            )
        except DeskError as exc:
            error = exc
        else:
            messages.success(request, "Final verdict recorded.")
            return redirect("annotate:claim", claim_id=claim_id)
        claim = claim_or_404(request, claim_id)
    context = pane_context(request, claim)
    submitted = [
        r for r in [context["own"], *context["others"]] if r is not None and r.is_submitted
    ]
    tally = Counter(r.verdict for r in submitted)
    suggested = tally.most_common(1)[0][0] if len(tally) == 1 else None
    context.update(
        error=error,
        posted=request.POST,
        submitted=submitted,
        tally=tally.most_common(),
        suggested=suggested,
    )
    return render(request, "annotate/adjudicate.html", context, status=page_error(request, error))


@desk_view
@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ClaimStatus.values:
        status = ""
    mine = request.GET.get("mine") == "1"
    suggestions = request.GET.get("suggestions") == "1"
    article_param = request.GET.get("article", "")
    article_id = int(article_param) if article_param.isdigit() else None
    queryset = selectors.claim_queue(
        user=request.user, status=status, mine=mine, suggestions=suggestions, article_id=article_id
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    scale = selectors.verdict_map()
    return render(
        request,
        "annotate/claim_list.html",
        {
            "page": page,
            "views": [selectors.claim_view(c, request.user, scale) for c in page],
            "status": status,
            "mine": mine,
            "suggestions": suggestions,
            "statuses": ClaimStatus.choices,
            "can_bulk": roles.can_assign(request.user) or roles.can_dismiss(request.user),
            "reviewer_choices": selectors.reviewers() if roles.can_assign(request.user) else [],
            "dismiss_reasons": DISMISS_REASONS,
            "here": request.get_full_path(),
        },
    )


@desk_view
@require_POST
def bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Assign or dismiss the claims ticked on the claim list, one service call per claim."""
    form = forms.BulkForm(
        request.POST,
        claims=selectors.claims_for(user=request.user),
        reviewers=selectors.reviewers(),
    )
    back = next_url(request, fallback=reverse("annotate:claim-list"))
    try:
        data = parsed(form)
        chosen = list(data["claims"])
        if not chosen:
            raise DeskError("Tick at least one claim.", code="required")
        if data["action"] == "assign":
            done, problems = services.claims_bulk_assign(
                claims=chosen, reviewers=list(data["reviewers"]), by=request.user
            )
        else:
            done, problems = services.claims_bulk_dismiss(
                claims=chosen, reason=data["reason"], by=request.user
            )
    except DeskForbidden as exc:
        # Not a redirect with the message flashed, as for the other refusals: a redirect
        # cannot carry the 403.
        return render(
            request,
            "annotate/refused.html",
            {"error": exc, "back": back},
            status=page_error(request, exc),
        )
    except DeskError as exc:
        page_error(request, exc, flash=True)
        return redirect(back)
    if done:
        messages.success(request, f"{len(done)} claim{'s' if len(done) != 1 else ''} updated.")
    for problem in problems:
        messages.error(request, problem)
    return redirect(back)
