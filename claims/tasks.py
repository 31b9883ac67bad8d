"""Celery tasks of the pipeline: thin wrappers that fetch by id and call one service.

Every task here is idempotent (see ``claims.services``), which is what makes
``acks_late`` and ``reject_on_worker_lost`` safe: a message redelivered after a
lost worker re-runs a step to the same result.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from claims import outbox, services

log = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
TRANSIENT_ERRORS = DATABASE_ERRORS + outbox.BROKER_ERRORS


class PipelineTask(DjangoTask):
    """Retries transient errors with back-off, then marks the article failed."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    # A retry is a message the worker holds until its time comes: the cap stays well
    # below the visibility timeout (checked in the settings).
    retry_backoff_max = settings.CLAIMDESK_TASK_RETRY_BACKOFF_MAX
    retry_jitter = True
    max_retries = settings.CLAIMDESK_TASK_MAX_RETRIES

    def on_retry(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        article_id = _article_id(args, kwargs)
        if article_id is None:
            return
        try:
            services.article_note_retry(article_id=article_id, reason=self._reason(exc))
        except Exception:  # the database itself may be what failed; the retry goes on
            log.exception("could not record the retry of article %s", article_id)

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: Any,
    ) -> None:
        article_id = _article_id(args, kwargs)
        if article_id is None:
            return
        reason = self._reason(exc)
        log.warning("article %s: %s", article_id, reason)
        try:
            services.article_fail(article_id=article_id, reason=reason)
        except DATABASE_ERRORS:
            # The database is what failed (an outage longer than the retries): the failure
            # travels through the broker, and is written once the database answers again.
            _fail_later(article_id, reason)

    def _reason(self, exc: Exception) -> str:
        if isinstance(exc, SoftTimeLimitExceeded):
            return f"{self.name} ran past its time limit"
        return f"{self.name} failed: {type(exc).__name__}: {exc}"


def _article_id(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int | None:
    article_id = args[0] if args else kwargs.get("article_id")
    return None if article_id is None else int(article_id)


def _fail_later(article_id: int, reason: str) -> None:
    log.warning(
        "article %s: the database is unreachable; its failure is recorded later", article_id
    )
    try:
        article_fail_task.apply_async((article_id, reason))
    except outbox.BROKER_ERRORS:
        # Database and broker both gone: the article stays pending, and the sweeper
        # (requeue_stuck) runs it again once it has been still for long enough.
        log.exception("could not record the failure of article %s", article_id)


@shared_task(base=PipelineTask, bind=True)
def article_process_task(self: Task, article_id: int) -> int:
    """Split the article and score its first batch; queue one task per batch left."""
    batches = services.article_process(article_id=article_id)
    try:
        for batch in batches:
            article_detect_batch_task.delay(article_id, batch.first, batch.last)
    except outbox.BROKER_ERRORS:
        # The broker went away mid-task. Retrying would need the broker too (Celery drops a
        # message whose retry it cannot publish), so the outbox keeps the debt instead: it
        # sends this step again, which finds the batches still unscored.
        log.warning("article %s: batches not queued; the outbox sends them later", article_id)
        outbox.article_dispatch_defer(article_id=article_id)
    return len(batches)


@shared_task(base=PipelineTask, bind=True)
def article_detect_batch_task(self: Task, article_id: int, first: int, last: int) -> bool:
    """Score one batch of sentences; the batch that scores the last sentence finishes."""
    return services.article_detect_batch(article_id=article_id, first=first, last=last)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=2,
    retry_backoff_max=settings.CLAIMDESK_TASK_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    # Retried for as long as a database outage plausibly lasts (half a day to a day with
    # jitter); after that the sweeper is what is left.
    max_retries=24 * 3600 // settings.CLAIMDESK_TASK_RETRY_BACKOFF_MAX,
)
def article_fail_task(article_id: int, reason: str) -> bool:
    """Record a failure the worker could not write when it happened (the database was away)."""
    return services.article_fail(article_id=article_id, reason=reason)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def outbox_flush_task(*, all_owed: bool = False) -> int:
    """Send the pipeline messages owed, or lost (claims.outbox); run by beat and on (re)connect.

    Beat's runs leave a message owed for less than a period to its own on-commit
    send; a worker that just (re)connected sends ``all_owed``: the broker was away,
    so a send in flight then has failed too. No retries of its own: the next run,
    a few seconds later, does the same work. When it found more than one flush
    sends, it queues itself to go on.
    """
    outbox.outbox_recover_lost()
    sent = outbox.outbox_flush(owed_before=timezone.now() if all_owed else None)
    if sent >= outbox.FLUSH_LIMIT:
        outbox_flush_task.delay(all_owed=all_owed)
    return sent


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
