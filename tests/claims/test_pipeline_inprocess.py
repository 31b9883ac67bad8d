"""The pipeline run in-process (eager tasks): article to sentences, scores and claims."""

from __future__ import annotations

import pytest

from claims import services
from claims.models import Article, ArticleStatus, Claim, Sentence


@pytest.mark.django_db(transaction=True)
def test_it_takes_the_sample_article_to_ready_with_sentences_and_claims(sample_text, editor):
    article = services.article_create(body=sample_text, created_by=editor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.READY
    sentences = list(Sentence.objects.filter(article=article).order_by("index"))
    assert article.sentence_count == len(sentences) > 20
    assert all(article.body[s.start : s.end] == s.text for s in sentences)
    assert all(s.score is not None and 0.0 <= s.score <= 1.0 for s in sentences)
    claims = list(Claim.objects.filter(article=article))
    assert article.claim_count == len(claims) > 0
    assert all(article.body[c.start : c.end] == c.quote for c in claims)
    assert any("more than 13,000 people since 2014" in c.quote for c in claims)


@pytest.mark.django_db(transaction=True)
def test_running_the_steps_again_leaves_the_same_rows(sample_text):
    article = services.article_create(body=sample_text)
    before = (
        Sentence.objects.filter(article=article).count(),
        Claim.objects.filter(article=article).count(),
    )
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PROCESSING)
    for batch in services.article_split(article_id=article.pk) or [services.Batch(0, 10_000)]:
        services.article_detect_batch(article_id=article.pk, first=batch.first, last=batch.last)
    after = (
        Sentence.objects.filter(article=article).count(),
        Claim.objects.filter(article=article).count(),
    )
    assert before == after
