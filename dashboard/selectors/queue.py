"""The reviewer's page: their queue, ranked, and what they did today and this week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from annotate import roles
from annotate.models import Decision, Review, ReviewStatus
from claimdesk.types import AnyUser
from claims.models import Claim, ClaimOrigin, ClaimStatus

HIGH, MEDIUM = 0.8, 0.5
BANDS = {0: "High", 1: "Medium", 2: "Low"}
QUEUE_LIMIT = 50


def _band() -> Case:
    """0 high (score >= 0.8, or marked by hand), 1 medium (>= 0.5), 2 low or unscored."""
    return Case(
        When(Q(origin=ClaimOrigin.MANUAL) | Q(score__gte=HIGH), then=Value(0)),
        When(score__gte=MEDIUM, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def queue_for(user: AnyUser) -> QuerySet[Claim]:
    """Open claims assigned to ``user`` that still wait for their review.

    Ranked by check-worthiness band, then age (oldest first), so that nothing
    important waits behind a pile of new low-scoring suggestions.
    """
    mine = Review.objects.filter(claim=OuterRef("pk"), reviewer_id=user.pk)
    return (
        Claim.objects.filter(assignments__reviewer_id=user.pk)
        .exclude(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED])
        .exclude(Exists(Decision.objects.current().filter(claim=OuterRef("pk"))))
        .exclude(Exists(mine.filter(status=ReviewStatus.SUBMITTED)))
        .annotate(band=_band(), draft=Exists(mine.filter(status=ReviewStatus.DRAFT)))
        .select_related("article")
        .defer("article__body", "reasons", "spans")
        .order_by("band", "created_at", "id")
    )


def my_queue(*, user: AnyUser, limit: int = QUEUE_LIMIT) -> tuple[list[Claim], int]:
    """The first ``limit`` claims of the user's queue and the queue's length (two queries)."""
    if not roles.can_review(user):
        return [], 0
    queryset = queue_for(user)
    claims = list(queryset[:limit])
    total = len(claims) if len(claims) < limit else queryset.count()
    return claims, total


@dataclass(frozen=True)
class Activity:
    submitted_today: int
    submitted_week: int
    drafts: int
    marked_today: int
    marked_week: int
    decided_today: int
    decided_week: int
    decided_reviews: int
    matching_final: int

    @property
    def match_rate(self) -> float | None:
        return self.matching_final / self.decided_reviews if self.decided_reviews else None


def _day_and_week(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return today, today - dt.timedelta(days=today.weekday())


def my_activity(*, user: AnyUser, now: dt.datetime | None = None) -> Activity:
    """Counts of the user's own work since midnight and since Monday (three queries)."""
    today, week = _day_and_week(now or timezone.now())
    final = Decision.objects.current().filter(claim=OuterRef("claim_id")).values("verdict_id")
    own = Review.objects.filter(reviewer_id=user.pk).annotate(final=Subquery(final[:1]))
    reviews = own.aggregate(
        submitted_today=Count("pk", filter=Q(submitted_at__gte=today)),
        submitted_week=Count("pk", filter=Q(submitted_at__gte=week)),
        drafts=Count("pk", filter=Q(status=ReviewStatus.DRAFT)),
        decided_reviews=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED, final__isnull=False)),
        matching_final=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED, final=F("verdict_id"))),
    )
    marked = Claim.objects.filter(created_by_id=user.pk, origin=ClaimOrigin.MANUAL).aggregate(
        marked_today=Count("pk", filter=Q(created_at__gte=today)),
        marked_week=Count("pk", filter=Q(created_at__gte=week)),
    )
    decided = {"decided_today": 0, "decided_week": 0}
    if roles.can_adjudicate(user):
        decided = Decision.objects.filter(decided_by_id=user.pk).aggregate(
            decided_today=Count("pk", filter=Q(decided_at__gte=today)),
            decided_week=Count("pk", filter=Q(decided_at__gte=week)),
        )
    return Activity(**reviews, **marked, **decided)
