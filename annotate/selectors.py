"""Reads for the desk's pages, scoped to what the user may see.

Blind review lives here: a reviewer sees only their own review of a claim until
they submit it; then they see the other submitted reviews.  Drafts are seen by
their author only.  Editors (``annotate.view_all_reviews``) see every submitted
review.  A reviewer still writing is not shown the claim's final verdict either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from annotate import roles
from annotate.models import Assignment, Decision, Review, Source, Verdict
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus, Sentence


def verdicts() -> list[Verdict]:
    return list(Verdict.objects.active())


def _claim_prefetches(user: Any) -> list[Prefetch]:
    return [
        Prefetch("assignments", queryset=Assignment.objects.select_related("reviewer")
                 .order_by("assigned_at", "id")),
        Prefetch("decisions", queryset=Decision.objects.current().select_related("verdict"),
                 to_attr="current_decisions"),
        Prefetch("reviews", queryset=Review.objects.filter(reviewer_id=getattr(user, "pk", None))
                 .select_related("verdict"), to_attr="own_reviews"),
    ]


def claims_for(*, user: Any) -> QuerySet[Claim]:
    """Claims the user may see, with what the desk shows about each (constant queries)."""
    if not roles.can_view_claims(user):
        return Claim.objects.none()
    return (Claim.objects.select_related("article", "assignee", "triage")
            .prefetch_related(*_claim_prefetches(user))
            .annotate(submitted_count=Count("reviews", filter=Q(reviews__status="submitted"),
                                            distinct=True)))


def claim_detail(*, user: Any, claim_id: int) -> Claim:
    """One claim for its page; ``Claim.DoesNotExist`` when it is not the user's to see."""
    return claims_for(user=user).get(pk=claim_id)


def claim_queue(*, user: Any, status: str = "", mine: bool = False,
                article_id: int | None = None, suggestions: bool = False) -> QuerySet[Claim]:
    """The claim list page: filtered, newest articles first, reading order within them."""
    queryset = claims_for(user=user).defer("article__body").order_by(
        "-article__created_at", "article_id", "start", "id")
    if status:
        queryset = queryset.filter(status=status)
    if mine:
        queryset = queryset.filter(assignments__reviewer_id=user.pk)
    if article_id:
        queryset = queryset.filter(article_id=article_id)
    if suggestions:
        queryset = queryset.filter(origin=ClaimOrigin.DETECTED, status=ClaimStatus.NEW,
                                   triage__isnull=True)
    return queryset


def article_desk(*, user: Any, article_id: int) -> tuple[Article, list[Sentence], list[Claim]]:
    """The article page: the article, its sentences and its claims in reading order."""
    if not roles.can_view_claims(user) or not user.has_perm("claims.view_article"):
        raise Article.DoesNotExist
    article = Article.objects.with_progress().get(pk=article_id)
    sentences = list(Sentence.objects.filter(article=article).order_by("index")
                     .only("id", "index", "start", "end", "score", "checkworthy", "reasons"))
    claims = list(claims_for(user=user).filter(article=article).defer("article__body")
                  .order_by("start", "id"))
    return article, sentences, claims


@dataclass(frozen=True)
class ClaimView:
    """What one user may know about one claim (computed from prefetched rows)."""

    claim: Claim
    own_review: Review | None
    assigned: bool
    decision: Decision | None

    @property
    def is_suggestion(self) -> bool:
        claim = self.claim
        return (claim.origin == ClaimOrigin.DETECTED and claim.status == ClaimStatus.NEW
                and not hasattr_triage(claim))

    @property
    def blind(self) -> bool:
        """Still writing: the others' reviews and the final verdict stay hidden."""
        return self.assigned and not (self.own_review and self.own_review.is_submitted)

    @property
    def verdict(self) -> Verdict | None:
        """The verdict this user should see highlighted: final, else their own."""
        if self.decision is not None and not self.blind:
            return self.decision.verdict
        return self.own_review.verdict if self.own_review else None

    @property
    def reviewers(self) -> list[Any]:
        return [a.reviewer for a in self.claim.assignments.all()]


def hasattr_triage(claim: Claim) -> bool:
    try:
        return claim.triage is not None  # type: ignore[attr-defined]
    except Claim.triage.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return False


def claim_view(claim: Claim, user: Any) -> ClaimView:
    own = claim.own_reviews[0] if getattr(claim, "own_reviews", None) else None
    decisions = getattr(claim, "current_decisions", None) or []
    assigned = any(a.reviewer_id == user.pk for a in claim.assignments.all())
    return ClaimView(claim=claim, own_review=own, assigned=assigned,
                     decision=decisions[0] if decisions else None)


def reviews_visible(*, claim: Claim, user: Any) -> list[Review]:
    """The reviews of ``claim`` this user may read, their own first."""
    reviews = Review.objects.filter(claim=claim).select_related("reviewer", "verdict") \
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("created_at", "id")))
    own = [r for r in reviews if r.reviewer_id == user.pk]
    if roles.can_read_all_reviews(user) or (own and own[0].is_submitted):
        others = [r for r in reviews if r.reviewer_id != user.pk and r.is_submitted]
    else:
        others = []
    return own + others


def others_hidden_count(*, claim: Claim, user: Any) -> int:
    """How many submitted reviews by others the user cannot read yet (blind review)."""
    if roles.can_read_all_reviews(user):
        return 0
    own = Review.objects.filter(claim=claim, reviewer_id=user.pk).first()
    if own is not None and own.is_submitted:
        return 0
    return Review.objects.filter(claim=claim, status="submitted").exclude(
        reviewer_id=user.pk).count()


def decisions_of(*, claim: Claim, user: Any, blind: bool) -> list[Decision]:
    """Every decision on the claim, newest first (corrections keep the earlier ones)."""
    if blind and not roles.can_read_all_reviews(user):
        return []
    return list(Decision.objects.filter(claim=claim).select_related("verdict", "decided_by")
                .order_by("-decided_at", "-id"))


def reviewers() -> QuerySet[Any]:
    """Everyone who may be assigned a claim."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    return users.filter(
        Q(groups__permissions__codename="add_review",
          groups__permissions__content_type__app_label="annotate")
        | Q(user_permissions__codename="add_review",
            user_permissions__content_type__app_label="annotate")
        | Q(is_superuser=True)
    ).distinct().order_by("username")
