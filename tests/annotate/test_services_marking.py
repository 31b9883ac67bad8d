"""Marking claims by hand and accepting the detector's suggestions."""

from __future__ import annotations

import pytest

from annotate import services
from annotate.errors import DeskError, DeskForbidden, StaleVersion
from annotate.models import Assignment, Triage
from claims.models import Claim, ClaimOrigin, ClaimStatus
from tests.factories import PHRASE, ArticleFactory, fresh, span_of

pytestmark = pytest.mark.django_db


def test_an_annotator_marks_a_phrase_and_becomes_its_reviewer(article, annotator):
    start, end = span_of(article)
    claim = services.claim_mark(
        article=article, start=start, end=end, by=annotator, claimant="  the  ministry "
    )
    assert claim.quote == PHRASE == article.body[claim.start : claim.end]
    assert claim.origin == ClaimOrigin.MANUAL
    assert claim.claimant == "the ministry"
    assert claim.status == ClaimStatus.IN_REVIEW and claim.assignee == annotator
    assert claim.sentence is not None and claim.sentence.start <= start < claim.sentence.end
    assert [h.history_type for h in claim.history.all()] == ["~", "+"]
    assert claim.history.earliest().history_user == annotator


def test_an_editor_marks_without_taking_the_claim(article, editor):
    start, end = span_of(article)
    claim = services.claim_mark(article=article, start=start, end=end, by=editor)
    assert claim.status == ClaimStatus.NEW and claim.assignee is None


def test_surrounding_whitespace_is_trimmed_and_spans_may_cross_sentences(article, annotator):
    body = article.body
    first_end = body.index("\n")
    claim = services.claim_mark(
        article=article, start=first_end - 10, end=first_end + 12, by=annotator
    )
    assert claim.quote == body[first_end - 10 : first_end + 12].strip()
    assert "\n" in claim.quote
    padded = services.claim_mark(article=article, start=first_end, end=first_end + 8, by=annotator)
    assert padded.start == first_end + 1


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (10, 10, "empty_span"),
        (20, 10, "empty_span"),
        (-1, 5, "out_of_range"),
        (0, 10**6, "out_of_range"),
        ("3", 9, "invalid"),
        (True, 9, "invalid"),
    ],
)
def test_bad_offsets_are_refused_and_change_nothing(article, annotator, start, end, code):
    before = Claim.objects.count()
    with pytest.raises(DeskError) as refused:
        services.claim_mark(article=article, start=start, end=end, by=annotator)
    assert refused.value.code == code and refused.value.message
    assert Claim.objects.count() == before


def test_a_selection_of_only_spaces_is_refused(article, annotator):
    gap = article.body.index("\n")
    with pytest.raises(DeskError, match="only spaces"):
        services.claim_mark(article=article, start=gap, end=gap + 1, by=annotator)


def test_the_same_span_cannot_be_marked_twice(marked, article, annotator2):
    with pytest.raises(DeskError, match=f"already claim #{marked.pk}"):
        services.claim_mark(article=article, start=marked.start, end=marked.end, by=annotator2)


def test_non_bmp_characters_count_as_one_code_point(annotator):
    body = "Intro 🎉🇺🇦 text. The minister said 𝟏𝟐 percent of 😀 voters agreed in 2023."  # noqa: RUF001
    article = ArticleFactory(body=body)
    phrase = "𝟏𝟐 percent of 😀 voters"  # noqa: RUF001
    start = article.body.index(phrase)
    claim = services.claim_mark(article=article, start=start, end=start + len(phrase), by=annotator)
    assert claim.quote == phrase
    assert len(phrase.encode("utf-16-le")) // 2 > len(phrase)


def test_an_outsider_and_a_logged_out_user_cannot_mark(article, outsider, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    for user in (outsider, AnonymousUser()):
        with pytest.raises(DeskForbidden):
            services.claim_mark(article=article, start=0, end=5, by=user)


def test_an_over_long_claimant_is_refused(article, annotator):
    start, end = span_of(article)
    with pytest.raises(DeskError) as refused:
        services.claim_mark(article=article, start=start, end=end, by=annotator, claimant="x" * 301)
    assert refused.value.field == "claimant"


def _suggestion(article):
    return article.claims.filter(origin=ClaimOrigin.DETECTED).order_by("start").first()


def test_accepting_a_suggestion_records_who_and_gives_it_to_an_annotator(article, annotator):
    suggestion = _suggestion(article)
    assert suggestion is not None
    claim = services.claim_accept(claim=suggestion, by=annotator, version=suggestion.version)
    assert Triage.objects.get(claim=claim).accepted_by == annotator
    assert claim.status == ClaimStatus.IN_REVIEW and claim.version == suggestion.version + 1
    with pytest.raises(DeskError, match="suggestion"):
        services.claim_accept(claim=claim, by=annotator, version=claim.version)


def test_an_editor_accepts_without_taking(article, editor):
    suggestion = _suggestion(article)
    claim = services.claim_accept(claim=suggestion, by=editor, version=suggestion.version)
    assert claim.status == ClaimStatus.NEW
    assert not Assignment.objects.filter(claim=claim).exists()


def test_accepting_with_a_stale_version_is_refused(article, annotator, editor):
    suggestion = _suggestion(article)
    services.claim_dismiss(
        claim=suggestion, reason="opinion", by=editor, version=suggestion.version
    )
    with pytest.raises(StaleVersion) as refused:
        services.claim_accept(claim=suggestion, by=annotator, version=suggestion.version)
    assert "status New → Dismissed" in refused.value.message
    assert "ed" in refused.value.message
    assert fresh(suggestion).status == ClaimStatus.DISMISSED


def test_the_claimant_is_prefilled_from_the_detectors_attribution(article, annotator):
    from claims.services import claimant_from_spans

    sentence = next(
        s
        for s in article.sentences.order_by("index")
        if any(kind == "attribution" for _, _, kind in s.spans)
    )
    expected = claimant_from_spans(sentence.text, sentence.spans)
    start = sentence.start + len(sentence.text) // 2
    claim = services.claim_mark(article=article, start=start, end=sentence.end, by=annotator)
    assert expected and claim.claimant == expected
    other = services.claim_mark(
        article=article,
        start=sentence.start + 1,
        end=sentence.end,
        by=annotator,
        claimant="The Kremlin",
    )
    assert other.claimant == "The Kremlin"
