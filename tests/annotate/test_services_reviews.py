"""Reviews and sources: drafts, submission, validation, lost updates, blind review."""

from __future__ import annotations

import datetime as dt

import pytest

from annotate import selectors, services
from annotate.errors import DeskError, DeskForbidden, StaleVersion
from annotate.models import Review, ReviewStatus, Source
from tests.factories import fresh, submit

pytestmark = pytest.mark.django_db


def test_a_draft_saves_repeatedly_then_submits(marked, annotator, verdict_false):
    draft = services.review_save(claim=marked, by=annotator, version=None, rationale="Looking")
    assert draft.status == ReviewStatus.DRAFT and draft.verdict is None
    draft = services.review_save(
        claim=marked,
        by=annotator,
        version=draft.version,
        verdict=verdict_false.pk,
        rationale="Looking at UN data",
        confidence="medium",
    )
    review = services.review_submit(
        claim=marked,
        by=annotator,
        version=draft.version,
        verdict=verdict_false,
        rationale="UN: 14,000 by 2021.",
        confidence="high",
    )
    assert review.status == ReviewStatus.SUBMITTED and review.submitted_at is not None
    assert review.history.count() == 4


def test_submitting_needs_a_verdict_and_a_rationale(marked, annotator, verdict_false):
    with pytest.raises(DeskError, match="Choose a verdict"):
        services.review_submit(
            claim=marked, by=annotator, version=None, verdict=None, rationale="x"
        )
    with pytest.raises(DeskError, match="rationale"):
        services.review_submit(
            claim=marked, by=annotator, version=None, verdict=verdict_false, rationale="   "
        )
    assert not Review.objects.exists()


def test_an_over_long_rationale_and_unknown_values_are_refused(marked, annotator):
    cases = [
        ({"rationale": "x" * 10_001}, "rationale"),
        ({"verdict": 424242}, "verdict"),
        ({"confidence": "total"}, "confidence"),
    ]
    for kwargs, field in cases:
        with pytest.raises(DeskError) as refused:
            services.review_save(claim=marked, by=annotator, version=None, **kwargs)
        assert refused.value.field == field
    assert not Review.objects.exists()


def test_only_assigned_reviewers_write_reviews(marked, annotator2, editor, verdict_false):
    for user in (annotator2, editor):
        with pytest.raises(DeskForbidden, match="not assigned"):
            services.review_save(claim=marked, by=user, version=None, verdict=verdict_false)


def test_a_second_tab_saving_an_old_version_is_refused_with_what_changed(
    marked, annotator, verdict_false, verdict_true
):
    first = services.review_save(
        claim=marked, by=annotator, version=None, verdict=verdict_true, rationale="one"
    )
    services.review_save(
        claim=marked, by=annotator, version=first.version, verdict=verdict_false, rationale="two"
    )
    with pytest.raises(StaleVersion) as refused:
        services.review_save(
            claim=marked,
            by=annotator,
            version=first.version,
            verdict=verdict_true,
            rationale="three",
        )
    message = refused.value.message
    assert "verdict True → False" in message and "rationale edited" in message
    assert fresh(first).rationale == "two"


def test_reviews_close_once_the_editor_decides(decided, annotator, verdict_true):
    review = decided.reviews.get(reviewer=annotator)
    with pytest.raises(DeskError, match="final verdict"):
        services.review_save(
            claim=decided,
            by=annotator,
            version=review.version,
            verdict=verdict_true,
            rationale="changed my mind",
        )


def test_a_submitted_review_stays_complete_when_edited(reviewed, annotator):
    review = reviewed.reviews.get(reviewer=annotator)
    with pytest.raises(DeskError, match="rationale"):
        services.review_save(
            claim=reviewed,
            by=annotator,
            version=review.version,
            verdict=review.verdict,
            rationale="",
        )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "JAVASCRIPT:alert(1)",
        "ftp://example.org/x",
        "example.org",
        "http://",
        " ",
    ],
)
def test_only_http_and_https_sources_are_accepted(marked, annotator, url):
    with pytest.raises(DeskError) as refused:
        services.source_add(claim=marked, by=annotator, url=url)
    assert refused.value.field == "url"
    assert not Source.objects.exists() and not Review.objects.exists()


def test_a_source_starts_a_draft_and_can_be_edited_and_removed(marked, annotator, annotator2):
    source = services.source_add(
        claim=marked,
        by=annotator,
        url="https://www.ohchr.org/report",
        title="Conflict-related civilian casualties",
        publisher="OHCHR",
        excerpt="14,200-14,400 people killed",
        stance="refutes",
        accessed_at=dt.date(2024, 1, 5),
    )
    assert source.review.status == ReviewStatus.DRAFT and source.review.reviewer == annotator
    with pytest.raises(DeskForbidden):
        services.source_update(source=source, by=annotator2, url="https://example.org")
    source = services.source_update(
        source=source, by=annotator, url="https://example.org/b", stance="context"
    )
    assert source.accessed_at is not None
    services.source_remove(source=source, by=annotator)
    assert not Source.objects.exists()
    assert [h.history_type for h in Source.history.order_by("history_id")] == ["+", "~", "-"]


def test_bad_stance_and_future_dates_are_refused(marked, annotator):
    with pytest.raises(DeskError, match="stance"):
        services.source_add(claim=marked, by=annotator, url="https://a.org", stance="likes")
    with pytest.raises(DeskError, match="future"):
        services.source_add(
            claim=marked,
            by=annotator,
            url="https://a.org",
            accessed_at=dt.date.today() + dt.timedelta(days=2),
        )


def test_blind_review_hides_the_others_until_you_submit(
    marked, editor, annotator, annotator2, verdict_false, verdict_true
):
    services.claim_assign(
        claim=marked, reviewers=[annotator2], by=editor, version=fresh(marked).version
    )
    submit(marked, annotator, verdict_false, "mine")
    services.review_save(
        claim=marked, by=annotator2, version=None, verdict=verdict_true, rationale="draft of two"
    )
    assert [r.rationale for r in selectors.reviews_visible(claim=marked, user=annotator2)] == [
        "draft of two"
    ]
    assert selectors.others_hidden_count(claim=marked, user=annotator2) == 1
    # The first reviewer has submitted, but a draft is never shown to anyone else.
    assert [r.rationale for r in selectors.reviews_visible(claim=marked, user=annotator)] == [
        "mine"
    ]
    submit(marked, annotator2, verdict_true, "theirs")
    assert [r.rationale for r in selectors.reviews_visible(claim=marked, user=annotator2)] == [
        "theirs",
        "mine",
    ]
    assert {r.rationale for r in selectors.reviews_visible(claim=marked, user=editor)} == {
        "theirs",
        "mine",
    }
