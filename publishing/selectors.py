"""Reads for the API, the exports and the public pages, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from annotate import roles
from annotate import selectors as annotate_selectors
from annotate.models import Assignment, Decision, Review, ReviewStatus, Source, Verdict
from claimdesk.types import AnyUser
from claims.models import Claim, ClaimStatus
from publishing.exports.rows import EVERYTHING, Audience


def api_claims(*, user: AnyUser) -> QuerySet[Claim]:
    """Claims for the API, with what the user may know of the final verdict.

    ``final_verdict_*`` come from the current decision; ``blind`` is true while the
    user is assigned to the claim and has not submitted their review (the desk's
    blind-review rule, ``annotate.selectors.blind_condition``), and then the final
    verdict is not shown.
    """
    if not roles.can_view_claims(user):
        return Claim.objects.none()
    current = Decision.objects.current().filter(claim_id=OuterRef("pk"))
    return Claim.objects.annotate(
        final_verdict_id=Subquery(current.values("verdict_id")[:1]),
        final_verdict_name=Subquery(current.values("verdict__name")[:1]),
        final_verdict_rating=Subquery(current.values("verdict__rating_value")[:1]),
        blind=blind_column(user),
    ).prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.only("id", "claim_id", "reviewer_id").order_by(
                "assigned_at", "id"
            ),
        )
    )


def blind_column(user: AnyUser) -> Any:
    """``blind_condition`` as a boolean column of a claims query."""
    condition = annotate_selectors.blind_condition(user)
    if condition is None:
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(condition, output_field=BooleanField())


def visible_reviews(*, user: AnyUser) -> QuerySet[Review]:
    """Blind review as on the desk: one's own reviews (drafts too), and others' submitted
    reviews where one may read them all (editors) or has submitted one's own."""
    if not roles.can_view_claims(user) or not user.has_perm("annotate.view_review"):
        return Review.objects.none()
    visible = Q(reviewer_id=user.pk)
    if roles.can_read_all_reviews(user):
        visible |= Q(status=ReviewStatus.SUBMITTED)
    else:
        own_submitted = Review.objects.filter(
            claim_id=OuterRef("claim_id"), reviewer_id=user.pk, status=ReviewStatus.SUBMITTED
        )
        visible |= Q(status=ReviewStatus.SUBMITTED) & Q(Exists(own_submitted))
    return (
        Review.objects.filter(visible)
        .select_related("reviewer", "verdict")
        .prefetch_related(
            Prefetch(
                "sources",
                queryset=Source.objects.select_related("review").order_by("created_at", "id"),
            )
        )
    )


def visible_sources(*, user: AnyUser) -> QuerySet[Source]:
    reviews = visible_reviews(user=user).values("pk")
    return Source.objects.filter(review_id__in=reviews).select_related("review")


def active_verdicts(*, user: AnyUser) -> QuerySet[Verdict]:
    if not (user.is_authenticated and user.has_perm("annotate.view_verdict")):
        return Verdict.objects.none()
    return Verdict.objects.all()


def published_claims() -> QuerySet[Claim]:
    """Published fact-checks with their current decision: what anyone may read."""
    return (
        Claim.objects.filter(status=ClaimStatus.PUBLISHED)
        .select_related("article")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.current().select_related("verdict"),
                to_attr="current_decisions",
            )
        )
    )


def published_claim(*, claim_id: int) -> tuple[Claim, Decision, list[Source], list[Decision]]:
    """One public fact-check: the claim (with ``first_published_at``, which corrections leave
    alone), its decision, the sources of its submitted reviews and the corrections;
    ``Claim.DoesNotExist`` unless it is published."""
    first = Decision.objects.filter(claim=OuterRef("pk")).first_published_at()
    claim = published_claims().annotate(first_published_at=Subquery(first)).get(pk=claim_id)
    if not claim.current_decisions:  # type: ignore[attr-defined]
        raise Claim.DoesNotExist
    sources = list(
        Source.objects.filter(review__claim=claim, review__status=ReviewStatus.SUBMITTED).order_by(
            "stance", "created_at", "id"
        )
    )
    corrections = list(
        Decision.objects.filter(claim=claim)
        .exclude(correction_note="")
        .select_related("verdict")
        .order_by("decided_at", "id")
    )
    return claim, claim.current_decisions[0], sources, corrections  # type: ignore[attr-defined]


def exports_everything(user: AnyUser | None) -> bool:
    """Editors and staff export every claim and every review (None: the command line)."""
    return user is None or bool(user.is_staff) or roles.can_read_all_reviews(user)


def export_audience(*, user: AnyUser | None) -> Audience:
    """What of the reviews an export may carry for ``user``; the rule of the exports.

    * No role (signed in without ``claims.view_claim``): published fact-checks as the
      public page shows them (verdict, the editor's note, corrections, sources), with
      no individual review: no reviewer's name, verdict, confidence or rationale.
    * Annotators: the same, plus the submitted reviews of the claims whose reviews the
      desk shows them (those they have submitted their own review of); on a claim they
      are blind on, not even the decision or the sources (blind review holds).
    * Editors and staff (and the command line): everything.

    Anonymous requests never get this far: every API endpoint needs a token or a session.
    """
    if user is None or exports_everything(user):
        return EVERYTHING
    return Audience(reviews=roles.can_view_claims(user), reader=user)


def exportable_claims(*, user: AnyUser | None, fmt: str) -> QuerySet[Claim]:
    """Editors and staff export every claim; everyone else, and every ClaimReview,
    published ones only."""
    if exports_everything(user) and user is not None and fmt != "claimreview":
        return Claim.objects.all()
    return Claim.objects.published()


def exportable_sentences(*, user: AnyUser | None) -> QuerySet[Any]:
    """Training data carries unpublished desk decisions: editors and staff only."""
    from claims.models import Sentence

    if not exports_everything(user):
        return Sentence.objects.none()
    return Sentence.objects.all()
