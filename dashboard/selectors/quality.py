"""Quality: agreement between reviewers, disagreements to adjudicate, the detector vs people.

The pairs of verdicts come out of the database already counted (a self-join of
submitted reviews on the claim, ``GROUP BY`` the two verdicts); the statistics
in ``dashboard.agreement`` are arithmetic on those small tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
from django.db.models.functions import TruncWeek

from annotate.models import Decision, Review, ReviewStatus, Triage, Verdict
from claims.models import Claim, ClaimOrigin, ClaimStatus, Sentence
from dashboard import agreement as stats
from dashboard.filters import Filters
from dashboard.selectors.desk import submitted_in_scope

DISAGREEMENT_LIMIT = 20


def _pair_condition(filters: Filters) -> Q:
    """Join each submitted review to another reviewer's on the same claim, counted once.

    The lower reviewer id is on the left; both reviews must be in the date range.
    All conditions on ``claim__reviews`` go into one ``filter()`` so they share one join.
    """
    q = Q(claim__reviews__status=ReviewStatus.SUBMITTED,
          claim__reviews__reviewer_id__gt=F("reviewer_id"))
    q &= filters.in_range("claim__reviews__submitted_at")
    if filters.reviewer_id:
        q &= Q(reviewer_id=filters.reviewer_id) | Q(claim__reviews__reviewer_id=filters.reviewer_id)
    return q


def _units(filters: Filters) -> QuerySet[Review]:
    """Submitted reviews whose claim counts as a unit (one the filtered reviewer reviewed)."""
    reviews = submitted_in_scope(filters)
    if filters.reviewer_id:
        reviews = reviews.filter(claim_id__in=submitted_in_scope(filters)
                                 .filter(reviewer_id=filters.reviewer_id).values("claim_id"))
    return reviews


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


def _cohen_tables(filters: Filters) -> dict[tuple[str, str], dict[tuple[int, int], int]]:
    rows = (submitted_in_scope(filters).filter(_pair_condition(filters)).order_by()
            .values("reviewer__username", "claim__reviews__reviewer__username",
                    "verdict_id", "claim__reviews__verdict_id")
            .annotate(n=Count("pk")))
    tables: dict[tuple[str, str], dict[tuple[int, int], int]] = {}
    for row in rows:
        key = (row["reviewer__username"], row["claim__reviews__reviewer__username"])
        cell = (row["verdict_id"], row["claim__reviews__verdict_id"])
        tables.setdefault(key, {})[cell] = row["n"]
    return tables


def _pair_counts(filters: Filters, value: str) -> list[tuple[Any, Any, int, int]]:
    """``(c, k, m_u, count)`` for the alpha's coincidence matrix; ``value`` names the field."""
    units = _units(filters)
    pairable = {f"{value}__isnull": False}
    m_u = Subquery(units.filter(claim_id=OuterRef("claim_id"), **pairable).order_by()
                   .values("claim_id").annotate(m=Count("pk")).values("m")[:1])
    condition = _pair_condition(Filters(date_from=filters.date_from, date_to=filters.date_to))
    other = f"claim__reviews__{value}"
    rows = (units.filter(condition & Q(**pairable) & Q(**{f"{other}__isnull": False}))
            .annotate(m_u=m_u).order_by().values(value, other, "m_u").annotate(n=Count("pk")))
    return [(row[value], row[other], row["m_u"], row["n"]) for row in rows]


def agreement(*, filters: Filters) -> Agreement:
    """Cohen's kappa per pair of reviewers; Krippendorff's alpha, nominal and ordinal (4 queries).

    Nominal alpha compares verdicts as categories.  Ordinal alpha uses the
    ClaimReview rating value (1 worst .. 5 best), so "Mostly false" against
    "False" counts as a smaller disagreement than "True" against "False";
    verdicts off that scale (e.g. Unverifiable) are left out of it.
    """
    tables = _cohen_tables(filters)
    pairs = [PairKappa(a, b, stats.cohen_kappa(t)) for (a, b), t in sorted(tables.items())]
    nominal_pairs = _pair_counts(filters, "verdict_id")
    nominal_matrix = stats.coincidences(nominal_pairs)
    ordinal_matrix = stats.coincidences(_pair_counts(filters, "verdict__rating_value"))
    scale: dict[int, list[str]] = {}
    for v in Verdict.objects.filter(rating_value__isnull=False).order_by("-rating_value",
                                                                          "position"):
        scale.setdefault(v.rating_value, []).append(v.name)
    return Agreement(
        pairs=pairs,
        nominal=stats.krippendorff_alpha(nominal_matrix, "nominal"),
        ordinal=stats.krippendorff_alpha(ordinal_matrix, "ordinal"),
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


def disagreements(*, filters: Filters, limit: int = DISAGREEMENT_LIMIT
                  ) -> tuple[list[Disagreement], int]:
    """Claims whose submitted reviews differ in verdict, undecided first (three queries)."""
    in_scope = Q(reviews__status=ReviewStatus.SUBMITTED) & filters.in_range(
        "reviews__submitted_at")
    claims = (Claim.objects.filter(filters.on_article("article"))
              .annotate(kinds=Count("reviews__verdict", filter=in_scope, distinct=True))
              .filter(kinds__gte=2))
    if filters.reviewer_id:
        claims = claims.filter(Exists(submitted_in_scope(filters).filter(
            claim_id=OuterRef("pk"), reviewer_id=filters.reviewer_id)))
    decided = Exists(Decision.objects.current().filter(claim=OuterRef("pk")))
    shown = list(claims.annotate(decided=decided).select_related("article")
                 .defer("article__body", "reasons", "spans")
                 .order_by("decided", "-updated_at", "-id")[:limit])
    total = len(shown) if len(shown) < limit else claims.count()
    reviews: dict[int, list[Review]] = {}
    for review in (Review.objects.filter(claim_id__in=[c.pk for c in shown],
                                         status=ReviewStatus.SUBMITTED)
                   .select_related("verdict", "reviewer").order_by("reviewer__username")):
        reviews.setdefault(review.claim_id, []).append(review)
    return [Disagreement(c, reviews.get(c.pk, []), c.decided) for c in shown], total


# --- The detector against people -----------------------------------------------------------

HUMAN_DEFINITION = (
    "A sentence counts as check-worthy for people when a claim on it was marked by hand, "
    "accepted, assigned, reviewed or published; as not check-worthy when its claim was "
    "dismissed, or when it has no claim and its article is done (every claim on it reviewed, "
    "published or dismissed). Other sentences have no human decision yet and are left out."
)


def _human_label() -> Case:
    accepted = Claim.objects.filter(sentence_id=OuterRef("pk")).exclude(
        status=ClaimStatus.DISMISSED).filter(
        Q(origin=ClaimOrigin.MANUAL) | Q(Exists(Triage.objects.filter(claim_id=OuterRef("pk"))))
        | Q(status__in=[ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED]))
    dismissed = Claim.objects.filter(sentence_id=OuterRef("pk"), status=ClaimStatus.DISMISSED)
    on_article = Claim.objects.filter(article_id=OuterRef("article_id"))
    done = Q(Exists(on_article.filter(status__in=[ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED,
                                                  ClaimStatus.DISMISSED]))) & ~Q(
        Exists(on_article.filter(status__in=[ClaimStatus.NEW, ClaimStatus.IN_REVIEW])))
    return Case(When(Exists(accepted), then=Value(1)),
                When(Q(Exists(dismissed)) | done, then=Value(0)),
                default=Value(-1), output_field=IntegerField())


@dataclass(frozen=True)
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def plus(self, flagged: bool, label: int, n: int) -> Confusion:
        return Confusion(self.tp + n * (flagged and label == 1),
                         self.fp + n * (flagged and label == 0),
                         self.fn + n * (not flagged and label == 1),
                         self.tn + n * (not flagged and label == 0))

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
    rows = (Sentence.objects.filter(score__isnull=False)
            .filter(filters.in_range("article__created_at"), filters.on_article("article"))
            .annotate(label=_human_label(), week=TruncWeek("article__created_at"))
            .order_by().values("detector_version", "week", "checkworthy", "label")
            .annotate(n=Count("pk")))
    overall, unlabelled = Confusion(), 0
    versions: dict[str, Confusion] = {}
    weeks: dict[Any, Confusion] = {}
    for row in rows:
        flagged, label, n = row["checkworthy"], row["label"], row["n"]
        if label == -1:
            unlabelled += n
            continue
        overall = overall.plus(flagged, label, n)
        name = row["detector_version"] or "(unknown)"
        versions[name] = versions.get(name, Confusion()).plus(flagged, label, n)
        weeks[row["week"]] = weeks.get(row["week"], Confusion()).plus(flagged, label, n)
    return DetectorQuality(overall, unlabelled, sorted(versions.items()),
                           sorted(weeks.items(), key=lambda item: item[0])[-12:])
