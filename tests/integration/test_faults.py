"""Faults against real services: nothing lost, nothing duplicated, nothing left stuck.

Each test breaks one thing under a running pipeline (a killed worker, a stopped
broker, a database that refuses connections, a message delivered twice) and then
waits, within a liveness bound only, until every article is ``ready`` or
``failed`` with its reason, with one row per sentence and per detected claim.

The broker here is a ``redis-server`` of the test's own (stopped and started
without touching the shared one), the database is reached by the worker through a
proxy the test can cut. The workers run with short timings (a 15 s visibility
timeout, 2 s restore sweeps, 2 s back-off) so that each fault takes seconds, not
the production minutes; ``bench/faults.py`` measures the defaults, repeatedly.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.db.models import Count
from django.utils import timezone

from claims import services
from claims.models import Article, ArticleStatus, Claim
from claims.tasks import article_process_task
from tests.integration.waits import database_url, wait_for

from . import support
from .support import all_settled, point_celery_at, some_batch_scored
from .test_pipeline_worker import assert_consistent, long_article

pytestmark = pytest.mark.integration

# Coherent short timings (the settings refuse a visibility timeout below limit + back-off).
FAST = {
    "CELERY_TASK_SOFT_TIME_LIMIT": "8",
    "CELERY_TASK_TIME_LIMIT": "10",
    "CLAIMDESK_TASK_RETRY_BACKOFF_MAX": "2",
    "CELERY_VISIBILITY_TIMEOUT": "15",
    "CELERY_UNACKED_RESTORE_INTERVAL": "2",
    "CELERY_UNACKED_MUTEX_EXPIRE": "5",
    "CLAIMDESK_OUTBOX_EVERY_SECONDS": "1",
    # Small batches: many short tasks, so a fault lands inside a running one.
    "CLAIMDESK_DETECT_BATCH_SIZE": "4",
}
SETTLE = 180.0


@pytest.fixture
def own_redis(broker: redis.Redis, redis_url: str, tmp_path: Path) -> Iterator[support.RedisServer]:
    """A redis-server of this test's own, persistent as in production; Celery points at it."""
    server = support.RedisServer(tmp_path / "redis")
    server.start()
    point_celery_at(server.url)
    yield server
    point_celery_at(redis_url)
    server.stop()


@pytest.fixture
def db_proxy() -> Iterator[support.TcpProxy]:
    proxy = support.database_proxy()
    yield proxy
    proxy.close()


def via_proxy(proxy: support.TcpProxy) -> str:
    return support.through_proxy(database_url(), proxy)


def submit(sample_text: str, count: int, copies: int = 6) -> list[int]:
    return [
        services.article_create(
            body=long_article(f"{n} {uuid.uuid4()}\n\n{sample_text}", copies)
        ).pk
        for n in range(count)
    ]


def assert_nothing_lost_or_doubled(ids: list[int]) -> dict[str, int]:
    """Every article ready (consistent) or failed with a reason; returns the count of each."""
    articles = list(Article.objects.filter(pk__in=ids))
    assert len(articles) == len(ids)
    for article in articles:
        assert article.status in (ArticleStatus.READY, ArticleStatus.FAILED), article.status
        if article.status == ArticleStatus.READY:
            assert_consistent(article)
        else:
            assert article.error, f"article {article.pk} failed without a reason"
        doubled = (
            Claim.objects.filter(article=article)
            .values("sentence")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        assert not doubled.exists()
    return {
        status: sum(a.status == status for a in articles)
        for status in (ArticleStatus.READY, ArticleStatus.FAILED)
    }


def test_a_whole_worker_killed_mid_batch_loses_nothing(own_redis, start_worker, sample_text):
    """A message the worker had taken comes back (visibility timeout); one it was taking
    when it died is the sweeper's: Redis hands a message over (BRPOP) before the worker
    records it as unacknowledged, and a kill between the two loses it from the broker.
    The article stays processing, and the sweeper sends its unscored batches again."""
    env = {
        **FAST,
        "CELERY_BROKER_URL": own_redis.url,
        "CLAIMDESK_STUCK_AFTER_SECONDS": "20",
        "CLAIMDESK_SWEEP_EVERY_SECONDS": "5",
    }
    start_worker(beat=True, env=env)
    doomed = start_worker(concurrency=2, env=env)
    ids = submit(sample_text, 2)
    wait_for(lambda: some_batch_scored(ids), what="the first scored batch")
    held = redis.Redis.from_url(own_redis.url)

    # Messages the worker took and had not acknowledged: running, or reserved ahead.
    wait_for(lambda: held.hlen("unacked"), what="a message held by the worker")
    doomed.kill()
    # As if it died inside a restore sweep, holding the sweep's lock for its whole expiry.
    held.set("unacked_mutex", "the killed worker", ex=int(FAST["CELERY_UNACKED_MUTEX_EXPIRE"]))
    start_worker(concurrency=2, env=env)

    wait_for(lambda: all_settled(ids), what="every article to settle", timeout=SETTLE)
    assert assert_nothing_lost_or_doubled(ids) == {"ready": 2, "failed": 0}
    held.close()


def test_articles_posted_while_the_broker_is_down_are_saved_and_processed_when_it_is_back(
    own_redis, start_worker, api_editor, sample_text
):
    worker = start_worker(concurrency=2, env={**FAST, "CELERY_BROKER_URL": own_redis.url})
    own_redis.stop()

    responses = [
        api_editor.post(
            "/api/articles/", {"body": f"{n}\n\n{sample_text}", "title": f"T{n}"}, format="json"
        )
        for n in range(3)
    ]

    assert [r.status_code for r in responses] == [202, 202, 202], responses[0].content
    ids = [r.json()["id"] for r in responses]
    assert {r.json()["status"] for r in responses} == {"queued"}
    assert Article.objects.filter(pk__in=ids).dispatch_owed().count() == 3
    own_redis.start()
    # No beat here: the worker's reconnection is what sends them.
    wait_for(lambda: all_settled(ids), what="every article to settle", timeout=SETTLE)
    assert assert_nothing_lost_or_doubled(ids) == {"ready": 3, "failed": 0}
    assert worker.log().count("outbox flush queued on connect") >= 2
    assert not Article.objects.filter(pk__in=ids).dispatch_owed().exists()


def test_the_broker_stopped_while_tasks_run_loses_nothing(own_redis, start_worker, sample_text):
    worker = start_worker(concurrency=2, env={**FAST, "CELERY_BROKER_URL": own_redis.url})
    ids = submit(sample_text, 3)
    wait_for(lambda: some_batch_scored(ids), what="the first scored batch")

    own_redis.stop()
    wait_for(lambda: "Connection to broker lost" in worker.log(), what="the worker to notice")
    own_redis.start()

    wait_for(lambda: all_settled(ids), what="every article to settle", timeout=SETTLE)
    assert assert_nothing_lost_or_doubled(ids) == {"ready": 3, "failed": 0}


def test_a_database_that_refuses_connections_longer_than_the_retries_fails_articles_with_the_reason(
    db_proxy, start_worker, sample_text
):
    worker = start_worker(
        concurrency=2,
        env={**FAST, "DATABASE_URL": via_proxy(db_proxy), "CLAIMDESK_TASK_MAX_RETRIES": "2"},
    )
    ids = submit(sample_text, 3)
    wait_for(lambda: some_batch_scored(ids), what="the first scored batch")

    db_proxy.cut()
    # The retries of a running step run out while the database is away: its failure cannot
    # be written, so it waits in the broker.
    wait_for(
        lambda: "its failure is recorded later" in worker.log(),
        what="a step to run out of retries",
    )
    db_proxy.restore()

    wait_for(lambda: all_settled(ids), what="every article to settle", timeout=SETTLE)
    counts = assert_nothing_lost_or_doubled(ids)
    assert counts["failed"] >= 1
    for article in Article.objects.filter(pk__in=ids, status=ArticleStatus.FAILED):
        assert "OperationalError" in article.error
        assert article.finished_at is not None


def test_an_article_whose_message_the_broker_lost_is_resumed_when_the_broker_is_idle(
    broker, start_worker, settings, sample_text
):
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 8
    article = services.article_create(body=sample_text, title="Lost")
    # The broker lost the message after a worker had split the article and scored one
    # batch (a restart without its data, or kombu's window between taking and recording).
    broker.delete("default")
    batches = services.article_split(article_id=article.pk)
    services.article_detect_batch(
        article_id=article.pk, first=batches[0].first, last=batches[0].last
    )
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(minutes=1))

    # No sweeper: the flush the worker queues on connecting finds the broker empty.
    worker = start_worker(concurrency=2, env=FAST)

    wait_for(lambda: all_settled([article.pk]), what="the article to settle", timeout=SETTLE)
    assert assert_nothing_lost_or_doubled([article.pk]) == {"ready": 1, "failed": 0}
    assert "had no message in the broker" in worker.log()


def test_the_same_task_delivered_twice_leaves_one_set_of_rows(start_worker, sample_text):
    start_worker(concurrency=2, env=FAST)
    ids = submit(sample_text, 2)

    for article_id in ids:
        task_id = str(uuid.uuid4())
        for _ in range(2):  # the same message again, as a redelivery would bring it
            article_process_task.apply_async((article_id,), task_id=task_id)

    wait_for(lambda: all_settled(ids), what="every article to settle", timeout=SETTLE)
    assert assert_nothing_lost_or_doubled(ids) == {"ready": 2, "failed": 0}
