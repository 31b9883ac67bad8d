"""The detector's proposals when it runs again: withdrawn, proposed again, never twice on a span."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from claims import services
from claims.models import Article, ArticleStatus, Claim, ClaimOrigin, ClaimStatus, Sentence
from tests.factories import ArticleFactory, article_text, process_on_commit

pytestmark = pytest.mark.django_db


def redetect(article: Article) -> Article:
    assert process_on_commit(services.article_redetect, article_id=article.pk) is True
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    return article


def undismissed(article: Article) -> int:
    return Claim.objects.filter(article=article).exclude(status=ClaimStatus.DISMISSED).count()


def test_redetect_withdraws_the_untouched_proposals_it_no_longer_finds_checkworthy(
    detector_threshold,
):
    detector_threshold(0.0)
    article = ArticleFactory(body=article_text(1, sentences=4))
    proposals = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(proposals) == 4 and article.claim_count == 4

    detector_threshold(1.0)
    redetect(article)
    assert not Sentence.objects.filter(article=article, checkworthy=True).exists()
    withdrawn = list(Claim.objects.filter(article=article).order_by("start"))
    assert [c.pk for c in withdrawn] == [c.pk for c in proposals]
    for claim in withdrawn:
        assert claim.status == ClaimStatus.DISMISSED
        assert claim.dismiss_reason == services.WITHDRAWN
        assert claim.history.first().history_change_reason == services.WITHDRAWN
        assert claim.version == 1  # the detector's change, not a person's
    assert article.claim_count == 0


def test_redetect_proposes_a_withdrawn_suggestion_again_as_the_same_claim(detector_threshold):
    detector_threshold(0.0)
    article = ArticleFactory(body=article_text(2, sentences=3))
    detector_threshold(1.0)
    redetect(article)
    assert article.claim_count == 0

    detector_threshold(0.0)
    redetect(article)
    claims = list(Claim.objects.filter(article=article))
    assert len(claims) == 3 and article.claim_count == 3
    for claim in claims:
        assert claim.status == ClaimStatus.NEW and claim.dismiss_reason == ""
        reasons = [h.history_change_reason for h in claim.history.order_by("history_id")]
        assert reasons == [
            "proposed by the detector",
            services.WITHDRAWN,
            services.PROPOSED_AGAIN,
        ]


def test_the_claim_count_follows_every_batch_while_the_article_is_processed(
    settings, detector_threshold
):
    detector_threshold(0.0)
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 2
    article = ArticleFactory(body=article_text(3, sentences=5), process=False)
    counts = []
    for batch in services.article_split(article_id=article.pk):
        services.article_detect_batch(article_id=article.pk, first=batch.first, last=batch.last)
        article.refresh_from_db()
        counts.append((article.claim_count, undismissed(article)))
    assert counts == [(2, 2), (4, 4), (5, 5)]
    assert article.status == ArticleStatus.READY


def test_a_redelivered_batch_leaves_the_same_claims_and_count(settings, detector_threshold):
    detector_threshold(0.0)
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 2
    article = ArticleFactory(body=article_text(4, sentences=4), process=False)
    services.article_split(article_id=article.pk)
    for _ in range(2):
        services.article_detect_batch(article_id=article.pk, first=0, last=1)
    article.refresh_from_db()
    assert Claim.objects.filter(article=article).count() == 2 == article.claim_count
    assert all(c.history.count() == 1 for c in Claim.objects.filter(article=article))


def test_the_database_refuses_a_second_undismissed_claim_on_a_span_but_not_a_dismissed_one():
    article = ArticleFactory(body=article_text(5, sentences=2))
    claim = Claim.objects.filter(article=article).first()
    assert claim is not None
    same_span = {
        "article": article,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "origin": ClaimOrigin.MANUAL,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(**same_span)
    Claim.objects.create(**same_span, status=ClaimStatus.DISMISSED)
    assert Claim.objects.filter(article=article, start=claim.start, end=claim.end).count() == 2
