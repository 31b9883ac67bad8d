"""The pipeline end to end: the API or a service, Redis, a real worker, PostgreSQL.

Each test waits for the article with a bound that only proves liveness (a stuck
pipeline fails instead of hanging); none asserts on elapsed time.
"""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from claims import services
from claims.models import Article, ArticleStatus, Claim, Sentence
from claims.segmentation import split_paragraphs_and_sentences
from tests.integration.waits import wait_for

pytestmark = pytest.mark.integration


def article_settled(article_id: int) -> Article | None:
    article = Article.objects.get(pk=article_id)
    return None if article.is_pending else article


def assert_consistent(article: Article) -> None:
    """One row per sentence and per detected claim, offsets that point into the body."""
    spans = split_paragraphs_and_sentences(article.body)
    sentences = list(Sentence.objects.filter(article=article).order_by("index"))
    assert [s.index for s in sentences] == list(range(len(spans)))
    assert [(s.start, s.end, s.paragraph) for s in sentences] == spans
    assert article.sentence_count == len(sentences)
    assert all(article.body[s.start : s.end] == s.text for s in sentences)
    assert all(s.score is not None and 0.0 <= s.score <= 1.0 for s in sentences)
    claims = Claim.objects.filter(article=article)
    assert article.claim_count == claims.count()
    assert not claims.values("sentence").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert set(claims.values_list("sentence_id", flat=True)) == {
        s.pk for s in sentences if s.checkworthy
    }
    assert all(article.body[c.start : c.end] == c.quote for c in claims)
    # One history row per claim: a rolled-back or repeated batch left no stray record.
    assert Claim.history.filter(article_id=article.pk).count() == claims.count()


def test_an_article_posted_to_the_api_is_processed_by_the_worker(
    start_worker, api_editor, sample_text
):
    start_worker(concurrency=2)

    response = api_editor.post(
        "/api/articles/", {"body": sample_text, "title": "Sample"}, format="json"
    )

    assert response.status_code == 201, response.content
    created = response.json()
    # The worker may have claimed it already: the response tells the state it saw.
    assert created["status"] in ArticleStatus.values
    assert created["api_url"].endswith(f"/api/articles/{created['id']}/")
    article = wait_for(lambda: article_settled(created["id"]), what="the article to settle")
    assert article.status == ArticleStatus.READY, article.error
    assert article.sentence_count > 20
    assert_consistent(article)
    assert any(
        "more than 13,000 people since 2014" in c.quote
        for c in Claim.objects.filter(article=article).detected()
    )
    detail = api_editor.get(created["api_url"]).json()
    assert (detail["status"], detail["claim_count"]) == ("ready", article.claim_count)


def long_article(sample_text: str, copies: int) -> str:
    """Many distinct paragraphs built from the sample: thousands of sentences."""
    parts = []
    for n in range(copies):
        parts.append(
            f"Dispatch {n + 1}. Officials reported {1000 + 37 * n:,} new cases on day "
            f"{n + 1}, said the ministry.\n\n{sample_text}"
        )
    return "\n\n".join(parts)


def test_a_batch_whose_pool_process_is_killed_is_redelivered_without_duplicates(
    start_worker, sample_text
):
    # Small batches over thousands of sentences keep both pool processes busy with
    # short tasks for a while, so a SIGKILL lands inside a running task.
    worker = start_worker(concurrency=2, env={"CLAIMDESK_DETECT_BATCH_SIZE": "4"})
    article = services.article_create(body=long_article(sample_text, 60), title="Long")

    wait_for(
        lambda: Sentence.objects.filter(article=article, score__isnull=False).exists(),
        what="the first scored batch",
    )
    rng = random.Random(7)
    kills = 0
    while "WorkerLostError" not in worker.log() and kills < 40:
        if article_settled(article.pk):
            break
        children = worker.pool_children()
        if children:
            signal_pid = rng.choice(children)
            try:
                os.kill(signal_pid, signal.SIGKILL)
                kills += 1
            except ProcessLookupError:
                pass
        time.sleep(0.3)

    assert "WorkerLostError" in worker.log(), "no SIGKILL landed inside a running task"
    article = wait_for(lambda: article_settled(article.pk), what="the article to settle")
    assert article.status == ArticleStatus.READY, article.error
    assert_consistent(article)


def test_requeue_stuck_resumes_an_article_whose_message_was_lost(
    start_worker, broker, settings, sample_text
):
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 8
    article = services.article_create(body=sample_text, title="Stuck")
    # The broker lost the message (an outage, a flushed Redis) after a worker had split
    # the article and scored one batch: the article sits in processing, half scored.
    assert broker.llen("default") == 1
    broker.delete("default")
    batches = services.article_split(article_id=article.pk)
    assert len(batches) > 1
    services.article_detect_batch(
        article_id=article.pk, first=batches[0].first, last=batches[0].last
    )
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    # A worker finding the broker empty resumes by itself any article pending for longer
    # than one outbox period (claims.outbox.outbox_recover_lost); a period of a day leaves
    # this hour-old article to the sweeper, which is what this test is about. (Sweeping
    # before the worker starts would not do: starting a worker empties the broker.)
    start_worker(concurrency=2, env={"CLAIMDESK_OUTBOX_EVERY_SECONDS": "86400"})
    out = StringIO()
    call_command("requeue_stuck", "--older-than", "0", stdout=out)

    assert f"re-queued 1 article(s): {article.pk}" in out.getvalue()
    article = wait_for(lambda: article_settled(article.pk), what="the article to settle")
    assert article.status == ArticleStatus.READY, article.error
    assert_consistent(article)
