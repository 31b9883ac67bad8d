"""Transient database errors in the worker: retried with back-off, then a failed article.

The error is a real one: the worker's connections carry a ``lock_timeout`` and
the test holds the sentence table locked, as a long migration or a manual
``LOCK TABLE`` would. Each statement of the worker that needs the table then
fails with "canceling statement due to lock timeout" (an ``OperationalError``,
which the pipeline tasks treat as transient).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

from claims import services
from claims.models import ArticleStatus
from claims.tasks import article_process_task
from tests.integration.waits import database_url, wait_for

from .test_pipeline_worker import article_settled, assert_consistent

pytestmark = pytest.mark.integration

# Long enough to wait out ordinary contention, short enough to fail fast on a held lock.
LOCK_TIMEOUT_URL_OPTION = "?options=-c%20lock_timeout%3D300ms"


@contextmanager
def sentence_table_locked() -> Iterator[None]:
    """Hold an ACCESS EXCLUSIVE lock on the sentence table from a connection of our own."""
    with psycopg.connect(database_url()) as conn:
        conn.execute("LOCK TABLE claims_sentence IN ACCESS EXCLUSIVE MODE")
        yield
        conn.rollback()


def lock_timeout_worker(start_worker):
    url = database_url() + LOCK_TIMEOUT_URL_OPTION
    return start_worker(concurrency=1, env={"DATABASE_URL": url})


def test_an_article_whose_step_keeps_failing_is_retried_then_marked_failed(
    start_worker, sample_text
):
    lock_timeout_worker(start_worker)
    with sentence_table_locked():
        article = services.article_create(body=sample_text, title="Locked out")
        # Six runs with back-off in between (2, 4, 8, 16, 32 s at most, with jitter).
        article = wait_for(
            lambda: article_settled(article.pk), what="the article to fail", timeout=240
        )

    assert article.status == ArticleStatus.FAILED
    assert article.attempts == 1 + article_process_task.max_retries
    assert "article_process_task failed: OperationalError" in article.error
    assert "lock timeout" in article.error
    assert article.finished_at is not None


def test_an_article_whose_step_fails_once_is_retried_to_ready(start_worker, sample_text):
    worker = lock_timeout_worker(start_worker)
    with sentence_table_locked():
        article = services.article_create(body=sample_text, title="Briefly locked out")
        wait_for(
            lambda: "lock timeout" in worker.log() and "Retry in" in worker.log(),
            what="the first attempt to fail and be retried",
        )

    article = wait_for(lambda: article_settled(article.pk), what="the article to settle")
    assert article.status == ArticleStatus.READY, article.error
    assert article.attempts >= 2
    assert article.error == ""
    assert_consistent(article)
