"""Quality: agreement between reviewers, disagreements to adjudicate, the detector vs people.

The pairs of verdicts come out of the database already counted (a self-join of
submitted reviews on the claim, ``GROUP BY`` the two verdicts); the statistics
in ``dashboard.agreement`` are arithmetic on those small tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncWeek

from annotate.models import Decision, Review, ReviewStatus, Verdict
from claims.models import UNTOUCHED_PROPOSAL, Claim, ClaimOrigin, ClaimStatus, Sentence
from dashboard import agreement as stats
from dashboard.filters import Filters
from dashboard.selectors.desk import submitted_in_scope
from dashboard.selectors.sql import with_ctes

DISAGREEMENT_LIMIT = 20


def _scoped(filters: Filters, *, units_only: bool) -> QuerySet[Any]:
    """Submitted reviews in scope as (unit, who, v, rv): claim, reviewer, verdict, rating value.

    ``units_only``: with a reviewer filter, keep the claims that reviewer
    reviewed (their co-reviewers' reviews included), for the alpha.
    """
    reviews = submitted_in_scope(filters)
    if units_only and filters.reviewer_id:
        reviews = reviews.filter(
            claim_id__in=submitted_in_scope(filters)
            .filter(reviewer_id=filters.reviewer_id)
            .values("claim_id")
        )
    return (
        reviews.order_by()
        .annotate(
            unit=F("claim_id"),
            who=F("reviewer_id"),
            v=F("verdict_id"),
            rv=F("verdict__rating_value"),
            name=F("reviewer__username"),
        )
        .values("unit", "who", "v", "rv", "name")
    )


def _cohen_tables(filters: Filters) -> dict[tuple[str, str], dict[tuple[Any, Any], int]]:
    """Verdict pairs per pair of reviewers (the lower id on the left), counted in SQL."""
    select = """
        SELECT a.name, b.name, a.v, b.v, COUNT(*)
        FROM scoped a JOIN scoped b ON a.unit = b.unit AND a.who < b.who
        GROUP BY a.name, b.name, a.v, b.v"""
    params: list[int] = []
    if filters.reviewer_id:
        select = """
            SELECT a.name, b.name, a.v, b.v, COUNT(*)
            FROM scoped a JOIN scoped b ON a.unit = b.unit AND a.who < b.who
            WHERE a.who = %s OR b.who = %s
            GROUP BY a.name, b.name, a.v, b.v"""
        params = [filters.reviewer_id] * 2
    rows = with_ctes([("scoped", _scoped(filters, units_only=False))], select, params)
    tables: dict[tuple[str, str], dict[tuple[Any, Any], int]] = {}
    for left, right, va, vb, n in rows:
        tables.setdefault((left, right), {})[(va, vb)] = n
    return tables


def _pair_counts(
    filters: Filters,
) -> tuple[list[tuple[Any, Any, int, int]], list[tuple[Any, Any, int, int]]]:
    """``(c, k, m_u, count)`` for the nominal and the ordinal coincidence matrix (one query).

    A unit's ``m_u`` is its number of pairable values: every submitted verdict
    for the nominal alpha, those with a rating value for the ordinal one.
    """
    # The select goes on with one more CTE (", units AS ...") after "scoped".
    rows = with_ctes(
        [("scoped", _scoped(filters, units_only=True))],
        """
        , units AS (SELECT unit, COUNT(*) AS m_nom, COUNT(rv) AS m_ord FROM scoped
                    GROUP BY unit HAVING COUNT(*) > 1)
        SELECT a.v, b.v, a.rv, b.rv, units.m_nom, units.m_ord, COUNT(*)
        FROM scoped a JOIN scoped b ON a.unit = b.unit AND a.who < b.who
        JOIN units ON units.unit = a.unit
        GROUP BY a.v, b.v, a.rv, b.rv, units.m_nom, units.m_ord""",
    )
    nominal = [(va, vb, m_nom, n) for va, vb, _, _, m_nom, _, n in rows]
    ordinal = [
        (ra, rb, m_ord, n)
        for _, _, ra, rb, _, m_ord, n in rows
        if ra is not None and rb is not None
    ]
    return nominal, ordinal


@dataclass(frozen=True)
class PairKappa:
    left: str
    right: str
    kappa: stats.Kappa


@dataclass(frozen=True)
class Agreement:
    pairs: list[PairKappa]
    nominal: float | None
    ordinal: float | None
    units: int
    values: int
    ordinal_scale: list[tuple[int, list[str]]] = field(default_factory=list)


def agreement(*, filters: Filters) -> Agreement:
    """Cohen's kappa per pair of reviewers; Krippendorff's alpha, nominal and ordinal (3 queries).

    Nominal alpha compares verdicts as categories.  Ordinal alpha uses the
    ClaimReview rating value (1 worst .. 5 best), so "Mostly false" against
    "False" counts as a smaller disagreement than "True" against "False";
    verdicts off that scale (e.g. Unverifiable) are left out of it.
    """
    tables = _cohen_tables(filters)
    pairs = [PairKappa(a, b, stats.cohen_kappa(t)) for (a, b), t in sorted(tables.items())]
    nominal_pairs, ordinal_pairs = _pair_counts(filters)
    nominal_matrix = stats.coincidences(nominal_pairs)
    scale: dict[int, list[str]] = {}
    for v in Verdict.objects.filter(rating_value__isnull=False).order_by(
        "-rating_value", "position"
    ):
        scale.setdefault(v.rating_value or 0, []).append(v.name)
    return Agreement(
        pairs=pairs,
        nominal=stats.krippendorff_alpha(nominal_matrix, "nominal"),
        ordinal=stats.krippendorff_alpha(stats.coincidences(ordinal_pairs), "ordinal"),
        units=_unit_count(nominal_pairs),
        values=round(sum(sum(row.values()) for row in nominal_matrix.values())),
        ordinal_scale=sorted(scale.items(), reverse=True),
    )


def _unit_count(pairs: list[tuple[Any, Any, int, int]]) -> int:
    """Units from pair counts: a unit of m values has m(m-1)/2 pairs."""
    return round(sum(n / (m * (m - 1) / 2) for _, _, m, n in pairs))


@dataclass(frozen=True)
class Disagreement:
    claim: Claim
    reviews: list[Review]
    decided: bool


def disagreements(
    *, filters: Filters, limit: int = DISAGREEMENT_LIMIT
) -> tuple[list[Disagreement], int]:
    """Claims whose submitted reviews differ in verdict, undecided first (three queries).

    Two reviews differ exactly when the lowest and the highest verdict id of
    the claim differ: a MIN/MAX per claim, cheaper than counting distinct verdicts.
    """
    split = (
        submitted_in_scope(filters)
        .order_by()
        .values("claim_id")
        .annotate(lo=Min("verdict_id"), hi=Max("verdict_id"))
        .filter(lo__lt=F("hi"))
        .values("claim_id")
    )
    if filters.reviewer_id:
        split = split.filter(
            claim_id__in=submitted_in_scope(filters)
            .filter(reviewer_id=filters.reviewer_id)
            .values("claim_id")
        )
    claims = Claim.objects.filter(pk__in=split)
    decided = Exists(Decision.objects.current().filter(claim=OuterRef("pk")))
    shown = list(
        claims.annotate(decided=decided)
        .select_related("article")
        .defer("article__body", "reasons", "spans")
        .order_by("decided", "-updated_at", "-id")[:limit]
    )
    total = len(shown) if len(shown) < limit else claims.count()
    reviews: dict[int, list[Review]] = {}
    for review in (
        Review.objects.filter(claim_id__in=[c.pk for c in shown], status=ReviewStatus.SUBMITTED)
        .select_related("verdict", "reviewer")
        .order_by("reviewer__username")
    ):
        reviews.setdefault(review.claim_id, []).append(review)
    return [
        Disagreement(c, reviews.get(c.pk, []), c.decided)  # type: ignore[attr-defined]
        for c in shown
    ], total


# --- The detector against people -----------------------------------------------------------

HUMAN_DEFINITION = (
    "A sentence counts as check-worthy for people when a claim on it was marked by hand, "
    "accepted, assigned, reviewed or published; as not check-worthy when a person dismissed "
    "its claim, or when it has no claim and its article is done (every claim on it reviewed, "
    "published or dismissed). A suggestion the detector withdrew itself is no claim. Other "
    "sentences have no human decision yet and are left out."
)


def _on_articles(filters: Filters) -> list[Q]:
    """The sentences' article conditions, repeated on claims so each piece stays small."""
    return [filters.in_range("article__created_at"), filters.on_article("article")]


def _claim_labels(filters: Filters) -> QuerySet[Any]:
    """Per sentence with claims: 1 if a person took one up, else 0 if one was dismissed,
    else -1 (only untouched suggestions): the highest of its claims' labels."""
    label = Case(
        When(
            status__in=[ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED],
            then=Value(1),
        ),
        When(
            Q(status=ClaimStatus.NEW) & (Q(origin=ClaimOrigin.MANUAL) | Q(triage__isnull=False)),
            then=Value(1),
        ),
        When(status=ClaimStatus.DISMISSED, then=Value(0)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    # A suggestion the detector withdrew on a re-run is dismissed without anyone
    # deciding it: counted as a person's "no", it would grade the detector by itself.
    withdrawn = UNTOUCHED_PROPOSAL & Q(status=ClaimStatus.DISMISSED)
    return (
        Claim.objects.filter(sentence__isnull=False)
        .exclude(withdrawn)
        .filter(*_on_articles(filters))
        .order_by()
        .annotate(sid=F("sentence_id"))
        .values("sid")
        .annotate(label=Max(label))
        .values("sid", "label")
    )


def _done_articles(filters: Filters) -> QuerySet[Any]:
    """Articles none of whose claims waits (new or in review): their silent sentences are no."""
    return (
        Claim.objects.filter(*_on_articles(filters))
        .order_by()
        .annotate(aid=F("article_id"))
        .values("aid")
        .annotate(
            waiting=Count("pk", filter=Q(status__in=[ClaimStatus.NEW, ClaimStatus.IN_REVIEW]))
        )
        .filter(waiting=0)
        .values("aid")
    )


@dataclass(frozen=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def plus(self, flagged: bool, label: int, n: int) -> Confusion:
        return Confusion(
            self.tp + n * (flagged and label == 1),
            self.fp + n * (flagged and label == 0),
            self.fn + n * (not flagged and label == 1),
            self.tn + n * (not flagged and label == 0),
        )

    @property
    def labelled(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None


@dataclass(frozen=True)
class DetectorQuality:
    overall: Confusion
    unlabelled: int
    by_version: list[tuple[str, Confusion]]
    by_week: list[tuple[Any, Confusion]]
    definition: str = HUMAN_DEFINITION


def detector_quality(*, filters: Filters) -> DetectorQuality:
    """The detector's flag (check-worthy at its threshold) against people's decisions (1 query).

    Sentences scored on articles imported in the range, grouped by detector
    version and week, so that a drift shows as a falling precision or recall.
    """
    sentences = (
        Sentence.objects.filter(score__isnull=False)
        .filter(filters.in_range("article__created_at"), filters.on_article("article"))
        .order_by()
        .annotate(
            sid=F("pk"),
            aid=F("article_id"),
            ver=F("detector_version"),
            flag=F("checkworthy"),
            week=TruncWeek("article__created_at"),
        )
        .values("sid", "aid", "ver", "flag", "week")
    )
    rows = with_ctes(
        [("s", sentences), ("lab", _claim_labels(filters)), ("done", _done_articles(filters))],
        """
        SELECT s.ver, s.week, s.flag,
               COALESCE(lab.label, CASE WHEN done.aid IS NULL THEN -1 ELSE 0 END) AS label,
               COUNT(*)
        FROM s LEFT JOIN lab ON lab.sid = s.sid LEFT JOIN done ON done.aid = s.aid
        GROUP BY s.ver, s.week, s.flag,
                 COALESCE(lab.label, CASE WHEN done.aid IS NULL THEN -1 ELSE 0 END)""",
    )
    overall, unlabelled = Confusion(), 0
    versions: dict[str, Confusion] = {}
    weeks: dict[dt.date, Confusion] = {}
    for version, week, flagged, label, n in rows:
        if label == -1:
            unlabelled += n
            continue
        overall = overall.plus(bool(flagged), label, n)
        name = version or "(unknown)"
        versions[name] = versions.get(name, Confusion()).plus(bool(flagged), label, n)
        day = _as_date(week)
        weeks[day] = weeks.get(day, Confusion()).plus(bool(flagged), label, n)
    return DetectorQuality(
        overall, unlabelled, sorted(versions.items()), sorted(weeks.items())[-12:]
    )


def _as_date(value: Any) -> dt.date:
    """A week's start as a date (SQLite hands raw SQL a string, PostgreSQL a datetime)."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, dt.datetime) else value
