"""Reads for the exports and the public pages, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from annotate import roles
from annotate.models import Decision, ReviewStatus, Source
from claimdesk.types import AnyUser
from claims.models import Claim, ClaimStatus
from publishing.exports.rows import EVERYTHING, Audience


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
    return user is None or roles.can_export_unpublished(user)


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
