"""Reads for the desk's pages, scoped to what the user may see.

Blind review lives here: a reviewer sees only their own review of a claim until
they submit it; then they see the other submitted reviews.  Drafts are seen by
their author only.  Editors (``annotate.view_all_reviews``) see every submitted
review.  A reviewer still writing is not shown the claim's final verdict either.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from annotate import roles
from annotate.models import Assignment, Decision, Review, ReviewStatus, Source, Verdict
from claimdesk.types import AnyUser, User
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus, Sentence


def verdicts() -> list[Verdict]:
    return list(Verdict.objects.active())


def blind_condition(user: AnyUser | None) -> Q | None:
    """The claims on which ``user`` is blind, as a condition on ``Claim``; None for none.

    Blind: assigned to the claim, with no submitted review of it.  Editors
    (``annotate.view_all_reviews``) are never blind, and whoever is assigned nowhere is
    blind nowhere.  The desk, the history, the API's filters and the exports all ask
    this one question, so that no channel tells a reviewer still writing what the
    others or the editor decided.
    """
    if user is None or not user.is_authenticated or roles.can_read_all_reviews(user):
        return None
    assigned = Assignment.objects.filter(claim_id=OuterRef("pk"), reviewer_id=user.pk)
    submitted = Review.objects.filter(
        claim_id=OuterRef("pk"), reviewer_id=user.pk, status=ReviewStatus.SUBMITTED
    )
    return Q(Exists(assigned)) & ~Q(Exists(submitted))


def is_blind(*, claim: Claim, user: AnyUser) -> bool:
    """Whether ``user`` is blind on ``claim`` (one query; see ``blind_condition``)."""
    condition = blind_condition(user)
    return condition is not None and Claim.objects.filter(condition, pk=claim.pk).exists()


def _annotated(queryset: QuerySet[Claim], user: AnyUser) -> QuerySet[Claim]:
    """What the desk shows about each claim, as columns of the one claims query.

    Subqueries instead of prefetches keep the article page and the claim list at
    a fixed, small number of queries whatever the number of claims.
    """
    uid = getattr(user, "pk", None)
    own = Review.objects.filter(claim=OuterRef("pk"), reviewer_id=uid)
    assignments = Assignment.objects.filter(claim=OuterRef("pk"))
    return queryset.annotate(
        final_verdict_id=Subquery(
            Decision.objects.filter(claim=OuterRef("pk"), is_current=True).values("verdict_id")[:1]
        ),
        own_verdict_id=Subquery(own.values("verdict_id")[:1]),
        own_submitted=Exists(own.filter(status=ReviewStatus.SUBMITTED)),
        is_assigned=Exists(assignments.filter(reviewer_id=uid)),
        reviewer_count=Coalesce(
            Subquery(
                assignments.order_by().values("claim").annotate(n=Count("id")).values("n")[:1]
            ),
            0,
        ),
    )


def claims_for(*, user: AnyUser) -> QuerySet[Claim]:
    """Claims the user may see, with what the desk shows about each (constant queries)."""
    if not roles.can_view_claims(user):
        return Claim.objects.none()
    return _annotated(Claim.objects.select_related("article", "assignee", "triage"), user)


def claim_detail(*, user: AnyUser, claim_id: int) -> Claim:
    """One claim for its page; ``Claim.DoesNotExist`` when it is not the user's to see."""
    assignments = Assignment.objects.select_related("reviewer").order_by("assigned_at", "id")
    return (
        claims_for(user=user)
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .get(pk=claim_id)
    )


def claim_queue(
    *,
    user: AnyUser,
    status: str = "",
    mine: bool = False,
    article_id: int | None = None,
    suggestions: bool = False,
) -> QuerySet[Claim]:
    """The claim list page: filtered, newest articles first, reading order within them."""
    queryset = (
        claims_for(user=user)
        .defer("article__body")
        .order_by("-article__created_at", "article_id", "start", "id")
    )
    if status:
        queryset = queryset.filter(status=status)
    if mine:
        queryset = queryset.filter(assignments__reviewer_id=user.pk)
    if article_id:
        queryset = queryset.filter(article_id=article_id)
    if suggestions:
        queryset = queryset.filter(
            origin=ClaimOrigin.DETECTED, status=ClaimStatus.NEW, triage__isnull=True
        )
    return queryset


def article_desk(*, user: AnyUser, article_id: int) -> tuple[Article, list[Sentence], list[Claim]]:
    """The article page: the article, its sentences and its claims in reading order."""
    if not roles.can_view_claims(user) or not user.has_perm("claims.view_article"):
        raise Article.DoesNotExist
    article = Article.objects.with_progress().get(pk=article_id)
    sentences = list(
        Sentence.objects.filter(article=article)
        .order_by("index")
        .only("id", "index", "start", "end", "score", "checkworthy", "reasons")
    )
    claims = list(
        claims_for(user=user).filter(article=article).defer("article__body").order_by("start", "id")
    )
    return article, sentences, claims


@dataclass(frozen=True)
class ClaimView:
    """What one user may know about one claim (from the columns ``claims_for`` adds)."""

    claim: Claim
    assigned: bool
    own_submitted: bool
    own_verdict: Verdict | None
    final_verdict: Verdict | None
    reads_all: bool = False

    @property
    def is_suggestion(self) -> bool:
        claim = self.claim
        return (
            claim.origin == ClaimOrigin.DETECTED
            and claim.status == ClaimStatus.NEW
            and not has_triage(claim)
        )

    @property
    def blind(self) -> bool:
        """Still writing: the others' reviews and the final verdict stay hidden.

        The same rule as ``blind_condition``, read from the columns ``claims_for`` adds.
        """
        return self.assigned and not self.own_submitted and not self.reads_all

    @property
    def verdict(self) -> Verdict | None:
        """The verdict this user should see highlighted: the final one, else their own."""
        if self.final_verdict is not None and not self.blind:
            return self.final_verdict
        return self.own_verdict

    @property
    def pane_url(self) -> str:
        # Built from the list URL: reversing once per claim costs more than the whole
        # rest of a 500-claim side panel.
        return f"{_roots()[1]}{int(self.claim.pk)}/pane/"

    @property
    def desk_url(self) -> str:
        return f"{_roots()[0]}{int(self.claim.article_id)}/?claim={int(self.claim.pk)}"

    @property
    def other_reviewers(self) -> int:
        return max(0, getattr(self.claim, "reviewer_count", 0) - 1)


@functools.cache
def _roots() -> tuple[str, str]:
    return reverse("claims:article-list"), reverse("annotate:claim-list")


def has_triage(claim: Claim) -> bool:
    try:
        return claim.triage is not None
    except Claim.triage.RelatedObjectDoesNotExist:
        return False


def claim_view(claim: Claim, user: AnyUser, scale: dict[int, Verdict] | None = None) -> ClaimView:
    """Read the annotated columns; ``scale`` maps verdict ids (all verdicts when omitted)."""
    if scale is None:
        scale = verdict_map()
    return ClaimView(
        claim=claim,
        assigned=bool(getattr(claim, "is_assigned", False)),
        own_submitted=bool(getattr(claim, "own_submitted", False)),
        own_verdict=scale.get(getattr(claim, "own_verdict_id", None) or 0),
        final_verdict=scale.get(getattr(claim, "final_verdict_id", None) or 0),
        reads_all=roles.can_read_all_reviews(user),
    )


def verdict_map() -> dict[int, Verdict]:
    """Every verdict by id, inactive ones included (old reviews may use them)."""
    return {v.pk: v for v in Verdict.objects.all()}


def current_decision(*, claim: Claim) -> Decision | None:
    return Decision.objects.current().select_related("verdict").filter(claim=claim).first()


def reviews_visible(*, claim: Claim, user: AnyUser) -> list[Review]:
    """The reviews of ``claim`` this user may read, their own first."""
    reviews = (
        Review.objects.filter(claim=claim)
        .select_related("reviewer", "verdict")
        .prefetch_related(Prefetch("sources", queryset=Source.objects.order_by("created_at", "id")))
    )
    own = [r for r in reviews if r.reviewer_id == user.pk]
    if roles.can_read_all_reviews(user) or (own and own[0].is_submitted):
        others = [r for r in reviews if r.reviewer_id != user.pk and r.is_submitted]
    else:
        others = []
    return own + others


def others_hidden_count(*, claim: Claim, user: AnyUser) -> int:
    """How many submitted reviews by others the user cannot read yet (blind review)."""
    if roles.can_read_all_reviews(user):
        return 0
    own = Review.objects.filter(claim=claim, reviewer_id=user.pk).first()
    if own is not None and own.is_submitted:
        return 0
    return (
        Review.objects.filter(claim=claim, status="submitted").exclude(reviewer_id=user.pk).count()
    )


def decisions_of(*, claim: Claim, user: AnyUser, blind: bool) -> list[Decision]:
    """Every decision on the claim, newest first (corrections keep the earlier ones)."""
    if blind and not roles.can_read_all_reviews(user):
        return []
    return list(
        Decision.objects.filter(claim=claim)
        .select_related("verdict", "decided_by")
        .order_by("-decided_at", "-id")
    )


def reviewers() -> QuerySet[User]:
    """Everyone who may be assigned a claim."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(
            Q(
                groups__permissions__codename="add_review",
                groups__permissions__content_type__app_label="annotate",
            )
            | Q(
                user_permissions__codename="add_review",
                user_permissions__content_type__app_label="annotate",
            )
            | Q(is_superuser=True)
        )
        .distinct()
        .order_by("username")
    )


# --- the desk API ---------------------------------------------------------------------------


def api_claims(*, user: AnyUser) -> QuerySet[Claim]:
    """Claims for the API, with what the user may know of the final verdict.

    ``final_verdict_*`` come from the current decision; ``blind`` is true while the
    user is assigned to the claim and has not submitted their review (the desk's
    blind-review rule, ``blind_condition``), and then the final
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
    condition = blind_condition(user)
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
