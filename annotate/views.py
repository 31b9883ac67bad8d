"""The desk's pages: parse the request, call one service, render.

Actions answer htmx requests with the re-rendered claim pane (errors included,
with the service's status code) and plain form posts with a redirect, so every
action works without JavaScript too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from annotate import forms, history, roles, selectors, services
from annotate.errors import DeskError, DeskForbidden
from annotate.models import Source, Stance, Verdict
from annotate.presentation import body_runs, render_body
from claimdesk.pages import page_error
from claimdesk.redirects import next_url
from claimdesk.types import AuthenticatedHttpRequest
from claims.models import Article, Claim, ClaimStatus
from claims.roles import can_manage_articles

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


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _claim_or_404(request: HttpRequest, claim_id: int) -> Claim:
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


def _pane(
    request: HttpRequest, claim_id: int, *, error: DeskError | None = None, notice: str = ""
) -> HttpResponse:
    if not _is_htmx(request):
        if error is not None:
            page_error(request, error, flash=True)
        elif notice:
            messages.success(request, notice)
        return redirect(next_url(request, fallback=reverse("annotate:claim", args=[claim_id])))
    claim = _claim_or_404(request, claim_id)
    context = {**pane_context(request, claim), "error": error, "notice": notice, "oob": True}
    response = render(
        request, "annotate/_claim_pane.html", context, status=page_error(request, error)
    )
    if error is None:
        # Lets other parts of the page (the history on the claim page) refresh themselves.
        response["HX-Trigger"] = "desk-changed"
    return response


def _act(
    request: HttpRequest, claim_id: int, run: Callable[[Claim], Any], notice: str
) -> HttpResponse:
    claim = _claim_or_404(request, claim_id)
    try:
        run(claim)
    except DeskError as exc:
        return _pane(request, claim_id, error=exc)
    return _pane(request, claim_id, notice=notice)


def _parsed(form: Form) -> dict[str, Any]:
    if not form.is_valid():
        raise DeskError(forms.first_error(form), code="invalid")
    return form.cleaned_data


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
        data = _parsed(forms.MarkForm(request.POST))
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
        if _is_htmx(request):
            return render(
                request,
                "annotate/_desk_status.html",
                {"error": exc},
                status=page_error(request, exc),
            )
        page_error(request, exc, flash=True)
        return redirect("annotate:article", article_id=article_id)
    target = reverse("annotate:article", args=[article_id]) + f"?claim={claim.pk}"
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    messages.success(request, f"Marked claim #{claim.pk}.")
    return redirect(target)


@desk_view
@require_GET
def claim_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_or_404(request, claim_id)
    context = pane_context(request, claim)
    context["timeline"] = history.claim_timeline(claim=claim, user=request.user)
    context["on_claim_page"] = True
    return render(request, "annotate/claim.html", context)


@desk_view
@require_GET
def claim_pane(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_or_404(request, claim_id)
    return render(request, "annotate/_claim_pane.html", pane_context(request, claim))


@desk_view
@require_GET
def claim_history(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = _claim_or_404(request, claim_id)
    timeline = history.claim_timeline(claim=claim, user=request.user)
    template = "annotate/_history.html" if _is_htmx(request) else "annotate/history.html"
    return render(request, template, {"claim": claim, "timeline": timeline})


def _versioned(request: HttpRequest) -> int | None:
    version: int | None = _parsed(forms.VersionedForm(request.POST))["version"]
    return version


@desk_view
@require_POST
def accept(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return _act(
        request,
        claim_id,
        lambda c: services.claim_accept(claim=c, by=request.user, version=_versioned(request)),
        "Accepted as a claim to check.",
    )


@desk_view
@require_POST
def dismiss(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = _parsed(forms.ReasonForm(request.POST))
        return services.claim_dismiss(
            claim=claim, reason=data["reason"], by=request.user, version=data["version"]
        )

    return _act(request, claim_id, run, "Dismissed.")


@desk_view
@require_POST
def restore(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return _act(
        request,
        claim_id,
        lambda c: services.claim_restore(claim=c, by=request.user, version=_versioned(request)),
        "Restored.",
    )


@desk_view
@require_POST
def claimant(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = _parsed(forms.ClaimantForm(request.POST))
        return services.claim_set_claimant(
            claim=claim, claimant=data["claimant"], by=request.user, version=data["version"]
        )

    return _act(request, claim_id, run, "Claimant saved.")


@desk_view
@require_POST
def assign(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = _parsed(forms.AssignForm(request.POST, reviewers=selectors.reviewers()))
        return services.claim_assign(
            claim=claim, reviewers=list(data["reviewers"]), by=request.user, version=data["version"]
        )

    return _act(request, claim_id, run, "Assigned.")


@desk_view
@require_POST
def unassign(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = _parsed(forms.UnassignForm(request.POST))
        reviewer = selectors.reviewers().filter(pk=data["reviewer"]).first()
        if reviewer is None:
            raise DeskError("No such reviewer.", code="invalid")
        return services.claim_unassign(
            claim=claim, reviewer=reviewer, by=request.user, version=data["version"]
        )

    return _act(request, claim_id, run, "Reviewer removed.")


@desk_view
@require_POST
def publish(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return _act(
        request,
        claim_id,
        lambda c: services.claim_publish(claim=c, by=request.user, version=_versioned(request)),
        "Published.",
    )


@desk_view
@require_POST
def unpublish(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    def run(claim: Claim) -> Any:
        data = _parsed(forms.ReasonForm(request.POST))
        return services.claim_unpublish(
            claim=claim, reason=data["reason"], by=request.user, version=data["version"]
        )

    return _act(request, claim_id, run, "Unpublished.")


def _review_args(request: HttpRequest) -> dict[str, Any]:
    data = _parsed(forms.ReviewForm(request.POST))
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
    claim = _claim_or_404(request, claim_id)
    try:
        review = services.review_save(claim=claim, by=request.user, **_review_args(request))
    except DeskError as exc:
        if not _is_htmx(request):
            return _pane(request, claim_id, error=exc)
        return render(
            request, "annotate/_autosave.html", {"error": exc}, status=page_error(request, exc)
        )
    if not _is_htmx(request):
        return _pane(request, claim_id, notice="Draft saved.")
    return render(request, "annotate/_autosave.html", {"review": review})


@desk_view
@require_POST
def review_submit(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    return _act(
        request,
        claim_id,
        lambda c: services.review_submit(claim=c, by=request.user, **_review_args(request)),
        "Review submitted.",
    )


def _sources(
    request: HttpRequest, claim_id: int, run: Callable[[Claim], Any], notice: str
) -> HttpResponse:
    """Source changes answer with the sources box only, so unsaved review text survives."""
    claim = _claim_or_404(request, claim_id)
    error = None
    try:
        run(claim)
    except DeskError as exc:
        error = exc
    if not _is_htmx(request):
        return _pane(request, claim_id, error=error, notice=notice)
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
        data = _parsed(forms.SourceForm(request.POST))
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


@desk_view
def adjudicate(request: AuthenticatedHttpRequest, claim_id: int) -> HttpResponse:
    """Reviews side by side, and the editor's final verdict with a note."""
    if not roles.can_adjudicate(request.user):
        raise PermissionDenied("Only editors adjudicate claims.")
    claim = _claim_or_404(request, claim_id)
    error = None
    if request.method == "POST":
        try:
            data = _parsed(forms.DecisionForm(request.POST))
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
        claim = _claim_or_404(request, claim_id)
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
def verdicts_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The rating scale, editable by editors (staff also have the admin)."""
    if not roles.can_edit_scale(request.user):
        raise PermissionDenied("Only editors can change the rating scale.")
    error = None
    if request.method == "POST":
        try:
            data = _parsed(forms.VerdictForm(request.POST))
            fields = {
                "name": data["name"],
                "rating_value": data["rating_value"],
                "colour": data["colour"],
                "description": data["description"],
            }
            if data["verdict"]:
                verdict = Verdict.objects.filter(pk=data["verdict"]).first()
                if verdict is None:
                    raise DeskError("That verdict no longer exists.", code="gone")
                services.verdict_update(
                    verdict=verdict, is_active=data["is_active"], by=request.user, **fields
                )
            else:
                services.verdict_create(by=request.user, **fields)
        except DeskError as exc:
            error = exc
        else:
            messages.success(request, "The rating scale was saved.")
            return redirect("annotate:verdicts")
    scale = list(Verdict.objects.all())
    return render(
        request,
        "annotate/verdicts.html",
        {"scale": scale, "error": error},
        status=page_error(request, error),
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
        data = _parsed(form)
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
