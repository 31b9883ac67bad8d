"""The ingestion and pipeline services: the one place every door goes through."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from django.db import transaction

from claims import services
from claims.extraction import ArticleRejected
from claims.models import Article, ArticleStatus, Claim, Sentence
from tests.factories import ArticleFactory, article_text

pytestmark = pytest.mark.django_db


# --- duplicates -------------------------------------------------------------------------------


def test_it_refuses_an_exact_duplicate_and_names_the_existing_article(annotator):
    first = services.article_create(
        body="Prices rose by 7% in 2023.", title="Prices", created_by=annotator
    )
    with pytest.raises(services.DuplicateArticle) as caught:
        services.article_create(body="Prices rose by 7% in 2023.", created_by=annotator)
    assert caught.value.existing == first
    assert f"article {first.pk}" in caught.value.message
    assert "Prices" in caught.value.message
    assert caught.value.code == "duplicate"
    assert Article.objects.count() == 1


def test_it_treats_crlf_and_lf_bodies_as_the_same_text():
    first = services.article_create(body="Line one is here.\nLine two is here.\n")
    with pytest.raises(services.DuplicateArticle) as caught:
        services.article_create(body="Line one is here.\r\nLine two is here.\r\n")
    assert caught.value.existing == first
    assert Article.objects.count() == 1


def test_it_treats_nfc_and_nfd_bodies_as_the_same_text():
    text = "Der Bürgermeister sagte, 40 % der Häuser seien zerstört."
    first = services.article_create(body=unicodedata.normalize("NFD", text))
    with pytest.raises(services.DuplicateArticle) as caught:
        services.article_create(body=unicodedata.normalize("NFC", text))
    assert caught.value.existing == first


def test_it_answers_a_duplicate_that_raced_past_the_check_as_a_duplicate(monkeypatch):
    first = services.article_create(body="The same text, twice.")
    real_filter = Article.objects.filter

    class NothingFirst:
        def first(self) -> None:
            return None

    calls = {"n": 0}

    def filter_missing_once(*args, **kwargs):
        calls["n"] += 1
        return NothingFirst() if calls["n"] == 1 else real_filter(*args, **kwargs)

    monkeypatch.setattr(Article.objects, "filter", filter_missing_once)
    with pytest.raises(services.DuplicateArticle) as caught:
        services.article_create(body="The same text, twice.")
    assert caught.value.existing == first


# --- rejected input: a clear reason and nothing saved ----------------------------------------


@pytest.mark.parametrize("body", ["", "   \n\n\t  ", "\x00\x01\x02"])
def test_it_refuses_an_empty_body_and_saves_nothing(body):
    with pytest.raises(ArticleRejected) as caught:
        services.article_create(body=body)
    assert caught.value.code == "empty"
    assert "empty" in caught.value.message
    assert Article.objects.count() == 0


def test_it_refuses_a_body_over_the_configured_limit_and_saves_nothing(settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 20
    services.article_create(body="Twenty bytes exactly")  # 20 bytes: at the limit, accepted
    with pytest.raises(ArticleRejected) as caught:
        services.article_create(body="Twenty-one bytes, not")
    assert caught.value.code == "too_large"
    assert "21 bytes" in caught.value.message and "20 bytes" in caught.value.message
    assert Article.objects.count() == 1


def test_it_measures_the_limit_in_utf8_bytes_not_characters(settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 10
    with pytest.raises(ArticleRejected) as caught:
        services.article_create(body="ééééée")  # 6 characters, 12 bytes
    assert caught.value.code == "too_large"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("url", "javascript:alert(1)", "invalid_url"),
        ("url", "not a url", "invalid_url"),
        ("url", "ftp://example.org/a", "invalid_url"),
        ("title", "t" * 301, "too_long"),
        ("publisher", "p" * 201, "too_long"),
        ("author", "a" * 201, "too_long"),
        ("language", "x" * 17, "too_long"),
    ],
)
def test_it_refuses_bad_metadata_naming_the_field_and_saves_nothing(field, value, code):
    with pytest.raises(ArticleRejected) as caught:
        services.article_create(body="A perfectly good body.", **{field: value})
    assert caught.value.code == code
    assert caught.value.field == field
    assert field in caught.value.message
    assert Article.objects.count() == 0


@pytest.mark.parametrize("field", ["body", "title", "publisher", "author"])
def test_it_refuses_a_lone_surrogate_naming_the_field_and_saves_nothing(field):
    values = {"body": "A good body.", field: "Lone \ud800 surrogate"}
    with pytest.raises(ArticleRejected) as caught:
        services.article_create(**values)
    assert caught.value.field == field
    assert "U+D800" in caught.value.message
    assert Article.objects.count() == 0


def test_it_refuses_an_unknown_source_format():
    with pytest.raises(ArticleRejected) as caught:
        services.article_create_from_source(text="Some text.", kind="pdf")
    assert caught.value.field == "format"
    assert "pdf" in caught.value.message
    assert Article.objects.count() == 0


# --- normalisation ----------------------------------------------------------------------------


def test_it_stores_the_body_in_nfc_with_unix_newlines_and_no_control_characters():
    raw = "  Cafe\u0301 prices\r\nrose\x00 by 7%\x07.\rThen\u2028fell.   \r\n\r\n\r\n\r\nEnd.\x1b  "
    article = services.article_create(body=raw)
    article.refresh_from_db()
    assert article.body == "Café prices\nrose by 7%.\nThen\nfell.\n\nEnd."
    assert unicodedata.is_normalized("NFC", article.body)


def test_it_keeps_tabs_and_single_blank_lines():
    article = services.article_create(body="Col\tvalue one.\n\nSecond paragraph.")
    assert article.body == "Col\tvalue one.\n\nSecond paragraph."


def test_it_takes_the_first_line_as_the_title_when_none_is_given():
    article = services.article_create(body="Floods in the valley\n\nMore than 13,000 fled.")
    assert article.title == "Floods in the valley"
    long = services.article_create(body="word " * 100)
    assert len(long.title) <= 120 and long.title.endswith("…")


def test_it_collapses_whitespace_in_a_given_title():
    article = services.article_create(body="Body text.", title="  A\n title\t here ")
    assert article.title == "A title here"


def test_it_records_the_content_hash_of_the_normalised_body():
    import hashlib

    article = services.article_create(body="Text\r\n")
    assert article.content_sha256 == hashlib.sha256(b"Text").hexdigest()


# --- enqueueing on commit ---------------------------------------------------------------------


def test_it_queues_exactly_one_callback_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = services.article_create(body="Queued once, on commit.")
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED  # nothing ran before the commit


def test_the_queued_callback_processes_the_article(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = services.article_create(body=article_text(1, sentences=4))
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.sentence_count == Sentence.objects.filter(article=article).count() == 4


def test_it_queues_nothing_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.article_create(body="Rolled back before commit.")
            raise RuntimeError("the caller's transaction fails")
    assert callbacks == []
    assert Article.objects.count() == 0


def test_a_refused_article_queues_nothing(django_capture_on_commit_callbacks):
    services.article_create(body="Already here.")
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ArticleRejected):
            services.article_create(body="")
        with pytest.raises(services.DuplicateArticle):
            services.article_create(body="Already here.")
    assert callbacks == []


# --- pipeline failure and retry ----------------------------------------------------------------


class BrokenDetector:
    version = "broken-1"

    def detect(self, texts):
        raise ValueError("the model file is corrupt")


def test_a_detector_error_marks_the_article_failed_with_the_reason(monkeypatch):
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    article = ArticleFactory()
    assert article.status == ArticleStatus.FAILED
    assert "ValueError" in article.error
    assert "the model file is corrupt" in article.error
    assert article.finished_at is not None
    assert Claim.objects.filter(article=article).count() == 0


def test_a_failed_article_can_be_retried_and_then_finishes(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    article = ArticleFactory()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.article_retry(article_id=article.pk) is True
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.error == ""
    assert article.attempts == 2


def test_only_a_failed_article_can_be_retried(django_capture_on_commit_callbacks):
    ready = ArticleFactory()
    queued = ArticleFactory(process=False)
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.article_retry(article_id=ready.pk) is False
        assert services.article_retry(article_id=queued.pk) is False
    assert callbacks == []


def test_article_fail_leaves_a_finished_article_alone():
    article = ArticleFactory()
    assert services.article_fail(article_id=article.pk, reason="late failure") is False
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.error == ""


def test_article_fail_keeps_at_most_2000_characters_of_the_reason():
    article = ArticleFactory(process=False)
    assert services.article_fail(article_id=article.pk, reason="x" * 5000) is True
    article.refresh_from_db()
    assert len(article.error) == 2000


# --- the pipeline steps ------------------------------------------------------------------------


def test_split_and_detect_in_several_batches_finish_exactly_once(settings):
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 2
    article = ArticleFactory(body=article_text(7, sentences=5), process=False)
    batches = services.article_split(article_id=article.pk)
    assert [(b.first, b.last) for b in batches] == [(0, 1), (2, 3), (4, 4)]
    finished = [
        services.article_detect_batch(article_id=article.pk, first=b.first, last=b.last)
        for b in batches
    ]
    assert finished == [False, False, True]
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert article.sentence_count == 5
    assert article.claim_count == Claim.objects.filter(article=article).count()


def test_split_leaves_a_finished_article_alone():
    article = ArticleFactory()
    assert services.article_split(article_id=article.pk) == []
    article.refresh_from_db()
    assert article.attempts == 1


def test_it_records_timings_and_the_detector_version():
    article = ArticleFactory()
    assert article.started_at is not None and article.finished_at is not None
    assert article.finished_at >= article.started_at
    assert article.processing_seconds is not None and article.processing_seconds >= 0
    assert article.detector_version
    assert article.finished_at - article.created_at < timedelta(minutes=1)
