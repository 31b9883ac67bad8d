"""Celery tasks of the pipeline: thin wrappers that fetch by id and call one service.

Every task here is idempotent (see ``claims.services``), which is what makes
``acks_late`` and ``reject_on_worker_lost`` safe: a message redelivered after a
lost worker re-runs a step to the same result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from claims import services

log = logging.getLogger(__name__)

TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    BrokerError,
    RedisConnectionError,
    RedisTimeoutError,
)


class PipelineTask(DjangoTask):  # type: ignore[misc]
    """Retries transient errors with back-off, then marks the article failed."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 120
    retry_jitter = True
    max_retries = 5

    def on_retry(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        self._record(args, kwargs, exc, services.article_note_retry)

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        self._record(args, kwargs, exc, services.article_fail)

    def _record(
        self,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        exc: Exception,
        service: Callable[..., bool],
    ) -> None:
        article_id = args[0] if args else kwargs.get("article_id")
        if article_id is None:
            return
        if isinstance(exc, SoftTimeLimitExceeded):
            reason = f"{self.name} ran past its time limit"
        else:
            reason = f"{self.name} failed: {type(exc).__name__}: {exc}"
        log.warning("article %s: %s", article_id, reason)
        try:
            service(article_id=article_id, reason=reason)
        except Exception:  # the database itself may be what failed
            log.exception("could not record the failed attempt of article %s", article_id)


@shared_task(base=PipelineTask, bind=True)
def article_process_task(self: Task, article_id: int) -> int:
    """Split the article and score its first batch; queue one task per batch left."""
    batches = services.article_process(article_id=article_id)
    for batch in batches:
        article_detect_batch_task.delay(article_id, batch.first, batch.last)
    return len(batches)


@shared_task(base=PipelineTask, bind=True)
def article_detect_batch_task(self: Task, article_id: int, first: int, last: int) -> bool:
    """Score one batch of sentences; the batch that scores the last sentence finishes."""
    return services.article_detect_batch(article_id=article_id, first=first, last=last)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=3,
)
def requeue_stuck_task() -> list[int]:
    """The sweeper run by Celery beat."""
    return services.requeue_stuck()
