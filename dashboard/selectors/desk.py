"""The editor's page: backlog, articles in the pipeline, throughput, turnaround, verdicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate

from annotate.models import Assignment, Decision, Review, ReviewStatus, Verdict
from claims.models import Article, Claim, ClaimStatus
from dashboard.filters import Filters
from dashboard.selectors.stats import percentiles

PENDING_LIMIT = 10
TOP_PUBLISHERS = 8


def _by_reviewer(filters: Filters, claim: str = "pk") -> Q:
    """Claims the filtered reviewer is assigned to or has reviewed."""
    if not filters.reviewer_id:
        return Q()
    return Q(
        Exists(Assignment.objects.filter(claim_id=OuterRef(claim), reviewer_id=filters.reviewer_id))
    ) | Q(Exists(Review.objects.filter(claim_id=OuterRef(claim), reviewer_id=filters.reviewer_id)))


def claims_in_scope(filters: Filters) -> QuerySet[Claim]:
    """Claims detected or marked in the range, on the publisher/article, of the reviewer."""
    return Claim.objects.filter(
        filters.in_range("created_at"), filters.on_article("article"), _by_reviewer(filters)
    )


@dataclass(frozen=True)
class Backlog:
    by_status: list[tuple[str, str, int]]
    awaiting_decision: int
    unassigned: int

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.by_status)

    @property
    def open(self) -> int:
        closed = {ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED}
        return sum(n for value, _, n in self.by_status if value not in closed)


def backlog(*, filters: Filters) -> Backlog:
    """Claims per status, and those waiting for an editor (one query)."""
    decided = Exists(Decision.objects.current().filter(claim=OuterRef("pk")))
    counts = claims_in_scope(filters).aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in ClaimStatus.values},
        awaiting_decision=Count("pk", filter=Q(status=ClaimStatus.REVIEWED) & ~Q(decided)),
        unassigned=Count("pk", filter=Q(status=ClaimStatus.NEW, assignee__isnull=True)),
    )
    rows = [(value, label, counts[value]) for value, label in ClaimStatus.choices]
    return Backlog(rows, counts["awaiting_decision"], counts["unassigned"])


def pending_articles(*, filters: Filters, limit: int = PENDING_LIMIT) -> tuple[list[Article], int]:
    """Articles still queued or processing, oldest first, with their progress (two queries)."""
    queryset = Article.objects.pending()
    if filters.publisher:
        queryset = queryset.filter(publisher=filters.publisher)
    if filters.article_id:
        queryset = queryset.filter(pk=filters.article_id)
    articles = list(queryset.with_progress().defer("body").order_by("created_at", "id")[:limit])
    total = len(articles) if len(articles) < limit else queryset.count()
    return articles, total


def publishers() -> list[str]:
    """Every publisher named on an article, for the filter (one query)."""
    return list(
        Article.objects.exclude(publisher="")
        .order_by("publisher")
        .values_list("publisher", flat=True)
        .distinct()[:1000]
    )


def reviewers_with_reviews() -> list[tuple[int, str]]:
    """People who have reviewed or been assigned, for the filter (one query)."""
    users = (
        get_user_model()
        .objects.filter(
            Q(Exists(Review.objects.filter(reviewer_id=OuterRef("pk"))))
            | Q(Exists(Assignment.objects.filter(reviewer_id=OuterRef("pk"))))
        )
        .order_by("username")
    )
    return list(users.values_list("pk", "username"))


def submitted_in_scope(filters: Filters) -> QuerySet[Review]:
    """Submitted reviews in the range (by submission), on the publisher/article."""
    return Review.objects.filter(status=ReviewStatus.SUBMITTED).filter(
        filters.in_range("submitted_at"), filters.on_article("claim__article")
    )


@dataclass(frozen=True)
class Throughput:
    days: list[dt.date]
    reviewers: list[tuple[str, list[int], int]]
    totals: list[int]

    @property
    def total(self) -> int:
        return sum(self.totals)


def throughput(*, filters: Filters, today: dt.date) -> Throughput:
    """Reviews submitted per reviewer per day over the days drawn (one query)."""
    days = filters.days(today)
    window = Filters(
        date_from=days[0],
        date_to=days[-1],
        publisher=filters.publisher,
        article_id=filters.article_id,
    )
    queryset = submitted_in_scope(window)
    if filters.reviewer_id:
        queryset = queryset.filter(reviewer_id=filters.reviewer_id)
    rows = (
        queryset.annotate(day=TruncDate("submitted_at"))
        .order_by()
        .values("reviewer__username", "day")
        .annotate(n=Count("pk"))
    )
    grid: dict[str, dict[dt.date, int]] = {}
    for row in rows:
        grid.setdefault(row["reviewer__username"], {})[row["day"]] = row["n"]
    reviewers = [
        (name, [per_day.get(d, 0) for d in days], sum(per_day.values()))
        for name, per_day in sorted(grid.items())
    ]
    totals = [sum(counts[i] for _, counts, _ in reviewers) for i in range(len(days))]
    return Throughput(days, reviewers, totals)


@dataclass(frozen=True)
class Turnaround:
    n: int
    median: dt.timedelta | None
    p90: dt.timedelta | None


def time_to_verdict(*, filters: Filters) -> Turnaround:
    """From detection (the claim's creation) to its final verdict, for verdicts in the range.

    Median and 90th percentile, computed by the database (see ``stats.percentiles``).
    """
    decisions = Decision.objects.current().filter(
        filters.in_range("decided_at"),
        filters.on_article("claim__article"),
        _by_reviewer(filters, "claim_id"),
    )
    duration = ExpressionWrapper(
        F("decided_at") - F("claim__created_at"), output_field=DurationField()
    )
    n, (median, p90) = percentiles(decisions, duration, [0.5, 0.9])
    return Turnaround(n, median, p90)


@dataclass(frozen=True)
class Distribution:
    verdicts: list[Verdict]
    overall: list[tuple[Verdict, int]]
    by_publisher: list[tuple[str, list[tuple[Verdict, int]], int]]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.overall)


def verdict_distribution(*, filters: Filters) -> Distribution:
    """Final verdicts (current decisions) in the range, overall and per publisher (two queries).

    The eight publishers with most verdicts get a row each; the rest share one.
    """
    verdicts = list(Verdict.objects.order_by("position"))
    rows = (
        Decision.objects.current()
        .filter(
            filters.in_range("decided_at"),
            filters.on_article("claim__article"),
            _by_reviewer(filters, "claim_id"),
        )
        .order_by()
        .values("verdict_id", "claim__article__publisher")
        .annotate(n=Count("pk"))
    )
    per_publisher: dict[str, dict[int, int]] = {}
    for row in rows:
        name = row["claim__article__publisher"] or "(no publisher)"
        per_publisher.setdefault(name, {})[row["verdict_id"]] = row["n"]
    overall = [(v, sum(p.get(v.pk, 0) for p in per_publisher.values())) for v in verdicts]
    ranked = sorted(per_publisher.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    shown, rest = ranked[:TOP_PUBLISHERS], ranked[TOP_PUBLISHERS:]
    if rest:
        merged: dict[int, int] = {}
        for _, counts in rest:
            for pk, n in counts.items():
                merged[pk] = merged.get(pk, 0) + n
        shown.append((f"{len(rest)} other publishers", merged))
    by_publisher = [
        (name, [(v, counts.get(v.pk, 0)) for v in verdicts], sum(counts.values()))
        for name, counts in shown
    ]
    return Distribution(verdicts, overall, by_publisher)
