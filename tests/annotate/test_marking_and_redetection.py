"""A sentence marked by hand and the detector running again: one claim per span, counts right.

Retrying a failed article, re-detecting with another threshold and a redelivered
batch each used to propose a second claim with the offsets of the one a person
had marked; and ``Article.claim_count`` ignored claims marked by hand.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from annotate import services
from annotate.errors import DeskError
from claims import services as pipeline
from claims.models import Article, ArticleStatus, Claim, ClaimOrigin, ClaimStatus
from claims.segmentation import split_sentences
from tests.factories import ArticleFactory, article_text, fresh, process_on_commit, span_of

pytestmark = pytest.mark.django_db


class BrokenDetector:
    version = "broken-1"

    def detect(self, texts):
        raise ValueError("the model file is corrupt")


def on_span(article: Article, start: int, end: int) -> list[Claim]:
    return list(Claim.objects.filter(article=article, start=start, end=end))


def undismissed(article: Article) -> int:
    return Claim.objects.filter(article=article).exclude(status=ClaimStatus.DISMISSED).count()


def redetect(article: Article) -> Article:
    """``manage.py redetect --article ID``, its queued tasks run in-process."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("redetect", "--article", str(article.pk), "--no-progress", stdout=out)
    assert "queued 1 article(s)" in out.getvalue()
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    return article


def test_a_retry_does_not_propose_a_sentence_marked_by_hand(
    monkeypatch, detector_threshold, annotator
):
    detector_threshold(0.0)
    with monkeypatch.context() as patch:
        patch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
        article = ArticleFactory(body=article_text(1, sentences=4))
    assert article.status == ArticleStatus.FAILED
    start, end = split_sentences(article.body)[1]
    marked = services.claim_mark(article=article, start=start, end=end, by=annotator)

    assert process_on_commit(pipeline.article_retry, article_id=article.pk) is True
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    assert on_span(article, start, end) == [marked]
    assert Claim.objects.filter(article=article, origin=ClaimOrigin.DETECTED).count() == 3
    assert article.claim_count == undismissed(article) == 4


def test_redetect_at_a_lower_threshold_does_not_propose_a_sentence_marked_by_hand(
    detector_threshold, editor
):
    detector_threshold(1.0)
    article = ArticleFactory(body=article_text(2, sentences=4))
    assert article.claim_count == 0
    start, end = split_sentences(article.body)[0]
    marked = services.claim_mark(article=article, start=start, end=end, by=editor)

    detector_threshold(0.0)
    redetect(article)
    assert on_span(article, start, end) == [marked]
    assert article.claim_count == undismissed(article) == 4


def test_redetect_withdraws_only_suggestions_nobody_touched_and_brings_them_back(
    detector_threshold, annotator, editor
):
    detector_threshold(0.0)
    article = ArticleFactory(body=article_text(3, sentences=4))
    taken, dismissed, left, remarked = Claim.objects.filter(article=article).order_by("start")
    services.claim_accept(claim=taken, by=annotator, version=taken.version)
    services.claim_dismiss(claim=dismissed, reason="Opinion", by=editor, version=1)

    detector_threshold(1.0)
    redetect(article)
    assert fresh(taken).status == ClaimStatus.IN_REVIEW
    assert fresh(dismissed).dismiss_reason == "Opinion"
    assert fresh(left).status == fresh(remarked).status == ClaimStatus.DISMISSED
    assert left.dismiss_reason == pipeline.WITHDRAWN
    assert article.claim_count == 1
    # A withdrawn suggestion's text can be marked by hand...
    marked = services.claim_mark(article=article, start=remarked.start, end=remarked.end, by=editor)
    assert fresh(article).claim_count == 2

    detector_threshold(0.0)
    redetect(article)
    # ...and then stays withdrawn, while the other one is proposed again.
    assert fresh(left).status == ClaimStatus.NEW
    assert fresh(remarked).status == ClaimStatus.DISMISSED
    assert fresh(dismissed).status == ClaimStatus.DISMISSED
    assert on_span(article, remarked.start, remarked.end) == [remarked, marked]
    assert article.claim_count == undismissed(article) == 3


def test_a_redelivered_batch_does_not_propose_a_sentence_marked_by_hand(
    settings, detector_threshold, annotator
):
    detector_threshold(0.0)
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 2
    article = ArticleFactory(body=article_text(4, sentences=4), process=False)
    pipeline.article_split(article_id=article.pk)
    start, end = split_sentences(article.body)[1]
    marked = services.claim_mark(article=article, start=start, end=end, by=annotator)
    for _ in range(2):  # the message, then its redelivery after a lost worker
        pipeline.article_detect_batch(article_id=article.pk, first=0, last=1)
    article.refresh_from_db()
    assert on_span(article, start, end) == [marked]
    assert article.claim_count == undismissed(article) == 2


def test_the_claim_count_follows_marking_dismissing_and_restoring(article, annotator, editor):
    count = fresh(article).claim_count
    assert count == undismissed(article) > 0
    start, end = span_of(article)
    marked = services.claim_mark(article=article, start=start, end=end, by=annotator)
    assert fresh(article).claim_count == count + 1
    dismissed = services.claim_dismiss(
        claim=marked, reason="Duplicate", by=editor, version=fresh(marked).version
    )
    assert fresh(article).claim_count == count
    services.claim_restore(claim=dismissed, by=editor, version=dismissed.version)
    assert fresh(article).claim_count == count + 1 == undismissed(article)


def test_a_dismissed_claim_whose_text_was_marked_again_cannot_be_restored(article, editor):
    proposal = Claim.objects.filter(article=article, origin=ClaimOrigin.DETECTED).first()
    assert proposal is not None
    proposal = services.claim_dismiss(claim=proposal, reason="Duplicate", by=editor, version=1)
    marked = services.claim_mark(article=article, start=proposal.start, end=proposal.end, by=editor)
    count = fresh(article).claim_count
    with pytest.raises(DeskError, match=f"already claim #{marked.pk}") as refused:
        services.claim_restore(claim=proposal, by=editor, version=proposal.version)
    assert refused.value.code == "duplicate"
    assert fresh(proposal).status == ClaimStatus.DISMISSED
    assert fresh(article).claim_count == count


def test_the_desk_counts_claims_as_the_article_list_does(client, article, editor):
    proposal = Claim.objects.filter(article=article, origin=ClaimOrigin.DETECTED).first()
    assert proposal is not None
    services.claim_dismiss(claim=proposal, reason="Opinion", by=editor, version=1)
    client.force_login(editor)
    page = client.get(reverse("annotate:article", args=[article.pk])).content.decode()
    count = fresh(article).claim_count
    assert count == undismissed(article) == Claim.objects.filter(article=article).count() - 1
    assert f'Claims <span class="muted">({count}, and 1 dismissed)</span>' in page
