"""The dashboard's figures computed by the database, against values worked out by hand
or by established packages over the same data."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from typing import Any

import pytest
from django.db import connection
from django.db.models import DurationField, ExpressionWrapper, F
from django.utils import timezone

from annotate import services
from annotate.models import Decision, Review, Verdict
from claims.models import Claim
from dashboard import selectors
from dashboard.filters import Filters
from dashboard.selectors.stats import percentiles
from tests.dashboard.desks import verdict
from tests.factories import ArticleFactory, article_text, assign, decide, fresh, submit

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

METHODS = ["auto", "offset"]


def _decided_after(hours: list[float], editor: Any, ann: Any) -> None:
    """One decided claim per duration; timestamps set directly (no service sets a past time)."""
    article = ArticleFactory(body=article_text(400, sentences=len(hours)))
    claims = list(article.claims.order_by("start"))
    assert len(claims) >= len(hours)
    for claim, h in zip(claims, hours, strict=False):
        assign(claim, editor, ann)
        submit(claim, ann, verdict("True"))
        decide(claim, editor, verdict("True"))
        Claim.objects.filter(pk=claim.pk).update(created_at=T0)
        Decision.objects.filter(claim=claim).update(decided_at=T0 + dt.timedelta(hours=h))


def _time_to_verdict() -> ExpressionWrapper:
    return ExpressionWrapper(F("decided_at") - F("claim__created_at"), output_field=DurationField())


@pytest.mark.parametrize("method", METHODS)
def test_percentiles_interpolate_like_percentile_cont(
    editor: Any, annotator: Any, method: str
) -> None:
    _decided_after([1, 2, 3, 4, 10], editor, annotator)
    n, (median, p90, p0, p100) = percentiles(
        Decision.objects.all(), _time_to_verdict(), [0.5, 0.9, 0.0, 1.0], method=method
    )
    assert n == 5
    assert median == dt.timedelta(hours=3)
    assert p90 == dt.timedelta(hours=7.6)  # rank 3.6: 4 h + 0.6 * (10 h - 4 h)
    assert (p0, p100) == (dt.timedelta(hours=1), dt.timedelta(hours=10))


@pytest.mark.parametrize("method", METHODS)
def test_percentiles_of_one_value_and_of_none(editor: Any, annotator: Any, method: str) -> None:
    assert percentiles(Decision.objects.all(), _time_to_verdict(), [0.5], method=method) == (
        0,
        [None],
    )
    _decided_after([2], editor, annotator)
    assert percentiles(Decision.objects.all(), _time_to_verdict(), [0.5, 0.9], method=method) == (
        1,
        [dt.timedelta(hours=2), dt.timedelta(hours=2)],
    )


def test_the_database_uses_percentile_cont_where_it_has_it(
    editor: Any, annotator: Any, django_assert_num_queries: Any
) -> None:
    _decided_after([1, 5], editor, annotator)
    # Elsewhere: a count, then one read of two neighbouring rows per fraction.
    expected = 1 if connection.vendor == "postgresql" else 1 + 2
    with django_assert_num_queries(expected):
        percentiles(Decision.objects.all(), _time_to_verdict(), [0.5, 0.9])


def test_time_to_verdict_reports_median_and_90th_percentile(editor: Any, annotator: Any) -> None:
    _decided_after([1, 2, 3, 4, 10], editor, annotator)
    turnaround = selectors.time_to_verdict(filters=Filters())
    assert (turnaround.n, turnaround.median, turnaround.p90) == (
        5,
        dt.timedelta(hours=3),
        dt.timedelta(hours=7.6),
    )
    day = (T0 + dt.timedelta(hours=2)).date()
    only_day = selectors.time_to_verdict(filters=Filters(date_from=day, date_to=day))
    assert only_day.n == 5  # all decided that day (T0 + 10 h is still 2 March)
    empty = selectors.time_to_verdict(
        filters=Filters(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 2))
    )
    assert (empty.n, empty.median, empty.p90) == (0, None, None)


# --- Agreement against the oracles over random reviews ------------------------------------


def _random_reviews(seed: int, reviewers: list[Any], editor: Any) -> dict[int, dict[int, Any]]:
    """Claims reviewed by a random subset of reviewers, verdicts noisy around a truth."""
    rng = random.Random(seed)
    scale = list(Verdict.objects.order_by("position"))
    given: dict[int, dict[int, Any]] = {}
    for a in range(3):
        article = ArticleFactory(body=article_text(500 + 10 * seed + a, sentences=9))
        for claim in article.claims.all():
            chosen = [r for r in reviewers if rng.random() < 0.7]
            if not chosen:
                continue
            truth = rng.choice(scale)
            assign(claim, editor, *chosen)
            for reviewer in chosen:
                v = truth if rng.random() < 0.6 else rng.choice(scale)
                submit(claim, reviewer, v)
                given.setdefault(claim.pk, {})[reviewer.pk] = v
    return given


@pytest.fixture
def three_reviewers(annotator: Any, annotator2: Any, django_user_model: Any) -> list[Any]:
    from django.contrib.auth.models import Group

    third = django_user_model.objects.create_user(username="ann3", password="pw")
    third.groups.add(Group.objects.get(name="annotator"))
    return [annotator, annotator2, third]


@pytest.mark.parametrize("seed", [1, 2])
def test_alpha_from_sql_pair_counts_equals_the_krippendorff_package(
    seed: int, three_reviewers: list[Any], editor: Any
) -> None:
    oracle = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    given = _random_reviews(seed, three_reviewers, editor)
    result = selectors.agreement(filters=Filters())
    claims = sorted(given)
    nominal = np.array(
        [
            [given[c][r.pk].pk if r.pk in given[c] else math.nan for c in claims]
            for r in three_reviewers
        ],
        dtype=float,
    )
    ordinal = np.array(
        [
            [
                given[c][r.pk].rating_value
                if r.pk in given[c] and given[c][r.pk].rating_value
                else math.nan
                for c in claims
            ]
            for r in three_reviewers
        ],
        dtype=float,
    )
    assert result.nominal == pytest.approx(
        oracle.alpha(reliability_data=nominal, level_of_measurement="nominal")
    )
    assert result.ordinal == pytest.approx(
        oracle.alpha(reliability_data=ordinal, level_of_measurement="ordinal")
    )
    assert result.units == sum(1 for c in claims if len(given[c]) >= 2)


def test_kappa_per_pair_from_sql_equals_scikit_learn(
    three_reviewers: list[Any], editor: Any
) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    given = _random_reviews(3, three_reviewers, editor)
    result = {(p.left, p.right): p.kappa for p in selectors.agreement(filters=Filters()).pairs}
    assert len(result) == 3
    for a, b in itertools.combinations(three_reviewers, 2):
        both = [c for c in sorted(given) if a.pk in given[c] and b.pk in given[c]]
        expected = metrics.cohen_kappa_score(
            [given[c][a.pk].pk for c in both], [given[c][b.pk].pk for c in both]
        )
        kappa = result[(a.username, b.username)]
        assert kappa.n == len(both)
        assert kappa.value == pytest.approx(expected)


def test_drafts_do_not_count_towards_agreement(
    editor: Any, annotator: Any, annotator2: Any
) -> None:
    article = ArticleFactory(body=article_text(600, sentences=3))
    claim = article.claims.first()
    assign(claim, editor, annotator, annotator2)
    submit(claim, annotator, verdict("True"))
    services.review_save(
        claim=fresh(claim),
        by=annotator2,
        version=None,
        verdict=verdict("False").pk,
        rationale="thinking",
    )
    result = selectors.agreement(filters=Filters())
    assert (result.units, result.pairs, result.nominal) == (0, [], None)
    assert selectors.disagreements(filters=Filters()) == ([], 0)


def test_the_reviewer_filter_keeps_pairs_that_include_the_reviewer(
    three_reviewers: list[Any], editor: Any
) -> None:
    _random_reviews(4, three_reviewers, editor)
    third = three_reviewers[2]
    pairs = selectors.agreement(filters=Filters(reviewer_id=third.pk)).pairs
    assert {(p.left, p.right) for p in pairs} == {("ann", "ann3"), ("ann2", "ann3")}


# --- The detector against people -------------------------------------------------------------

BODY = (
    "More than 13,000 people were killed in the east since 2014, the UN said. "
    "I like cats. Unemployment rose to 7.5 percent in 2023, the statistics office said. "
    "What a lovely day it was. We will see. "
    "The budget grew by 12 percent to 4.2 billion euros last year."
)


def test_the_confusion_table_counts_the_detector_against_human_decisions(
    editor: Any, annotator: Any
) -> None:
    article = ArticleFactory(body=BODY, publisher="Gazette")
    sentences = list(article.sentences.order_by("index"))
    flagged = [s for s in sentences if s.checkworthy]
    unflagged = [s for s in sentences if not s.checkworthy]
    assert len(flagged) >= 2 and len(unflagged) >= 2, [(s.text, s.score) for s in sentences]
    kept = Claim.objects.get(sentence=flagged[0])
    assign(kept, editor, annotator)
    for s in flagged[1:]:
        claim = Claim.objects.get(sentence=s)
        services.claim_dismiss(claim=claim, reason="Not worth it", by=editor, version=claim.version)
    # Before the hand-marked claim is reviewed the article is not done: silent sentences
    # have no human decision yet.
    missed = services.claim_mark(
        article=article, start=unflagged[0].start, end=unflagged[0].end, by=editor
    )
    early = selectors.detector_quality(filters=Filters()).overall
    assert (early.tp, early.fp, early.fn, early.tn) == (1, len(flagged) - 1, 1, 0)
    assign(missed, editor, annotator)
    submit(missed, annotator, verdict("False"))
    submit(kept, annotator, verdict("True"))
    quality = selectors.detector_quality(filters=Filters())
    c = quality.overall
    assert (c.tp, c.fp, c.fn, c.tn) == (1, len(flagged) - 1, 1, len(unflagged) - 1)
    assert quality.unlabelled == 0
    assert c.precision == pytest.approx(1 / len(flagged))
    assert c.recall == pytest.approx(0.5)
    assert [name for name, _ in quality.by_version] == [sentences[0].detector_version]
    other = selectors.detector_quality(filters=Filters(publisher="Elsewhere"))
    assert other.overall.labelled == 0


# --- Throughput and verdicts -----------------------------------------------------------------


def test_throughput_counts_each_reviewers_submissions_per_day(
    editor: Any, annotator: Any, annotator2: Any
) -> None:
    article = ArticleFactory(body=article_text(700, sentences=4))
    claims = list(article.claims.order_by("start"))[:3]
    for i, claim in enumerate(claims):
        assign(claim, editor, annotator, annotator2)
        submit(claim, annotator, verdict("True"))
        if i == 0:
            submit(claim, annotator2, verdict("True"))
    day = dt.date(2026, 3, 4)
    Review.objects.filter(submitted_at__isnull=False).update(
        submitted_at=timezone.make_aware(dt.datetime(2026, 3, 4, 12))
    )
    result = selectors.throughput(
        filters=Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 7)), today=day
    )
    assert len(result.days) == 7
    assert result.reviewers == [
        ("ann", [0, 0, 0, 3, 0, 0, 0], 3),
        ("ann2", [0, 0, 0, 1, 0, 0, 0], 1),
    ]
    assert result.totals == [0, 0, 0, 4, 0, 0, 0]


def test_verdicts_are_counted_per_publisher_with_the_rest_grouped(
    editor: Any, annotator: Any
) -> None:
    for i in range(10):
        article = ArticleFactory(
            body=article_text(800 + i, sentences=3), publisher=f"Paper {i:02d}"
        )
        for claim in list(article.claims.order_by("start"))[: 1 + (i == 0)]:
            assign(claim, editor, annotator)
            submit(claim, annotator, verdict("False"))
            decide(claim, editor, verdict("False" if i % 2 else "True"))
    result = selectors.verdict_distribution(filters=Filters())
    assert result.total == 11
    assert dict((v.name, n) for v, n in result.overall if n) == {"True": 6, "False": 5}
    names = [name for name, _, _ in result.by_publisher]
    assert names[0] == "Paper 00" and names[-1] == "2 other publishers"
    assert [total for _, _, total in result.by_publisher] == [2, 1, 1, 1, 1, 1, 1, 1, 2]
