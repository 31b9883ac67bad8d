"""Properties of ingestion and the in-process pipeline over random article texts (hypothesis).

Every offset in the system points into the normalised body, so for any input:
the body is NFC with ``\\n`` newlines and no control characters, and after
processing ``body[start:end]`` is exactly each sentence's text and each claim's
quote.  Each example runs in a savepoint that is rolled back, so examples do
not see each other's articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims import services
from claims.extraction import ArticleRejected, normalise_body
from claims.models import Article, ArticleStatus, Claim, Sentence

pytestmark = pytest.mark.django_db

FEW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

WORDS = [
    "the",
    "minister",
    "said",
    "more",
    "than",
    "13,000",
    "people",
    "died",
    "since",
    "2014",
    "prices",
    "rose",
    "by",
    "7%",
    "Dr.",
    "U.S.",
    "café",
    "Zürich",
    "e\u0301té",
    "«quoted»",
    "—",
    "(about",
    "half)",
    "3.5",
    "million",
    "euros",
    "in",
    "March",
]
ENDS = [".", "!", "?", "...", ".\u201d", ""]
GAPS = [
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\t",
    "\u2028",
    "\x00",
    "\x07 ",
    "\x85",
    " \x1b ",
]


@st.composite
def article_texts(draw: st.DrawFn) -> str:
    """News-like text with the awkward parts mixed in: CRLF, NFD, control characters."""
    sentences = draw(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
                st.sampled_from(ENDS),
                st.sampled_from(GAPS),
            ),
            min_size=1,
            max_size=25,
        )
    )
    text = "".join(" ".join(words) + end + gap for words, end, gap in sentences)
    noise = draw(st.text(max_size=20))
    return draw(
        st.sampled_from([text, text + noise, noise + text, unicodedata.normalize("NFD", text)])
    )


def processed(raw: str) -> Article | None:
    """Create and process an article from ``raw`` (None when it is refused as empty)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            article = services.article_create(body=raw)
        except ArticleRejected as exc:
            assert exc.code == "empty"
            assert normalise_body(raw) == ""
            return None
    article.refresh_from_db()
    return article


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes, undone afterwards (the test's own transaction stays open)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@FEW
@given(article_texts())
def test_the_stored_body_is_nfc_with_unix_newlines_and_no_control_characters(raw):
    with rolled_back():
        with TestCase.captureOnCommitCallbacks():
            try:
                article = services.article_create(body=raw)
            except ArticleRejected:
                return
        body = Article.objects.get(pk=article.pk).body
        assert unicodedata.is_normalized("NFC", body)
        assert "\r" not in body and "\u2028" not in body and "\x85" not in body
        assert not CONTROL.search(body)
        assert body == body.strip() and body
        assert normalise_body(body) == body


@FEW
@given(article_texts())
def test_every_sentence_and_claim_points_at_its_exact_text_in_the_body(raw):
    with rolled_back():
        article = processed(raw)
        if article is None:
            return
        assert article.status == ArticleStatus.READY, article.error
        body = article.body
        sentences = list(Sentence.objects.filter(article=article).order_by("index"))
        assert article.sentence_count == len(sentences) >= 1
        assert [s.index for s in sentences] == list(range(len(sentences)))
        previous_end = 0
        for sentence in sentences:
            assert body[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip() and sentence.text
            assert sentence.start >= previous_end
            assert body[previous_end : sentence.start].strip() == ""
            assert sentence.score is not None and 0.0 <= sentence.score <= 1.0
            previous_end = sentence.end
        assert body[previous_end:].strip() == ""
        claims = list(Claim.objects.filter(article=article))
        assert article.claim_count == len(claims)
        for claim in claims:
            assert body[claim.start : claim.end] == claim.quote
            assert claim.sentence is not None and claim.sentence.text == claim.quote


@FEW
@given(article_texts(), st.sampled_from(["\r\n", "\r", "\u2028"]), st.booleans())
def test_a_reimport_differing_only_in_newlines_or_normal_form_is_a_duplicate(raw, newline, nfd):
    with rolled_back():
        with TestCase.captureOnCommitCallbacks():
            try:
                first = services.article_create(body=raw)
            except ArticleRejected:
                return
            variant = raw.replace("\r\n", "\n").replace("\n", newline)
            if nfd:
                variant = unicodedata.normalize("NFD", variant)
            with pytest.raises(services.DuplicateArticle) as caught:
                services.article_create(body=variant)
        assert caught.value.existing.pk == first.pk
        assert Article.objects.count() == 1
