"""What the desk's pages share: the role check, the claim pane and how an action answers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from annotate import forms, roles, selectors
from annotate.errors import DeskError
from annotate.models import Stance
from claimdesk.pages import page_error
from claimdesk.redirects import next_url
from claims.models import Claim, ClaimStatus

DISMISS_REASONS = [
    "Not check-worthy",
    "Opinion, not a statement of fact",
    "Duplicate",
    "Not verifiable in principle",
    "Outside our remit",
]


def desk_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in (else to the login page) and allowed to see claims (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not roles.can_view_claims(request.user):
            raise PermissionDenied("Your account has no role on the desk yet; ask an editor.")
        return view(request, *args, **kwargs)

    return wrapped


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def claim_or_404(request: HttpRequest, claim_id: int) -> Claim:
    try:
        return selectors.claim_detail(user=request.user, claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


def pane_context(
    request: HttpRequest, claim: Claim, scale: dict[int, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    scale = scale if scale is not None else selectors.verdict_map()
    view = selectors.claim_view(claim, user, scale)
    decision = selectors.current_decision(claim=claim)
    reviews = selectors.reviews_visible(claim=claim, user=user)
    own = next((r for r in reviews if r.reviewer_id == user.pk), None)
    others = [r for r in reviews if r.reviewer_id != user.pk]
    is_open = claim.status not in (ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED)
    return {
        "claim": claim,
        "view": view,
        "own": own,
        "others": others,
        "hidden_count": selectors.others_hidden_count(claim=claim, user=user),
        "decisions": selectors.decisions_of(claim=claim, user=user, blind=view.blind),
        "decision": decision,
        "verdicts": [v for v in scale.values() if v.is_active],
        "can_write": view.assigned and is_open and decision is None and roles.can_review(user),
        "can_accept": view.is_suggestion and roles.can_mark(user),
        "can_dismiss": is_open and roles.can_dismiss(user),
        "can_restore": claim.status == ClaimStatus.DISMISSED and roles.can_dismiss(user),
        "can_assign": is_open and roles.can_assign(user),
        "can_adjudicate": claim.status != ClaimStatus.DISMISSED and roles.can_adjudicate(user),
        "can_publish": roles.can_publish(user),
        "can_edit_claimant": is_open and (view.assigned or roles.can_dismiss(user)),
        "reviewer_choices": selectors.reviewers() if roles.can_assign(user) else [],
        "dismiss_reasons": DISMISS_REASONS,
        "stances": Stance.choices,
    }


def pane(
    request: HttpRequest, claim_id: int, *, error: DeskError | None = None, notice: str = ""
) -> HttpResponse:
    if not is_htmx(request):
        if error is not None:
            page_error(request, error, flash=True)
        elif notice:
            messages.success(request, notice)
        return redirect(next_url(request, fallback=reverse("annotate:claim", args=[claim_id])))
    claim = claim_or_404(request, claim_id)
    context = {**pane_context(request, claim), "error": error, "notice": notice, "oob": True}
    response = render(
        request, "annotate/_claim_pane.html", context, status=page_error(request, error)
    )
    if error is None:
        # Lets other parts of the page (the history on the claim page) refresh themselves.
        response["HX-Trigger"] = "desk-changed"
    return response


def act(
    request: HttpRequest, claim_id: int, run: Callable[[Claim], Any], notice: str
) -> HttpResponse:
    claim = claim_or_404(request, claim_id)
    try:
        run(claim)
    except DeskError as exc:
        return pane(request, claim_id, error=exc)
    return pane(request, claim_id, notice=notice)


def parsed(form: Form) -> dict[str, Any]:
    if not form.is_valid():
        raise DeskError(forms.first_error(form), code="invalid")
    return form.cleaned_data


def versioned(request: HttpRequest) -> int | None:
    version: int | None = parsed(forms.VersionedForm(request.POST))["version"]
    return version
