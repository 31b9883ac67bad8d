"""The outbox: an article's row records that the pipeline owes it a message.

Queueing an article (creating, retrying, re-detecting, sweeping it) marks
``Article.dispatch_pending_since`` in the transaction that queues it, and sends
``article_process_task`` once that transaction commits. The mark is cleared only
after the broker has taken the message, so a message the broker refused (an
outage, a restart, a network cut) is owed, not lost: :func:`outbox_flush` sends
it again, run by beat every ``CLAIMDESK_OUTBOX_EVERY_SECONDS`` and by each worker
as soon as it (re)connects to the broker (``claims.worker``). A step that cannot
send its batches because the broker went away mid-task marks the same debt.

The one message the outbox sends is the pipeline's first step, which finds what
is left to do from the rows (split or not, which batches are unscored): every
step is idempotent, so a message sent twice costs work, never a duplicate row.

A message can also be lost after it was sent: the broker restarted without its
data, or kombu's Redis transport took it off its queue and lost the connection
before recording it as taken (a window it leaves open). :func:`outbox_recover_lost`
catches those without waiting for the sweeper: when the broker holds no pipeline
message at all (nothing queued, nothing taken), an article still pending has
nothing coming, so it is owed a message.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from claims.models import Article, ArticleStatus

log = logging.getLogger(__name__)

# What a publish raises when the broker cannot take a message (kombu wraps most of it).
BROKER_ERRORS = (KombuOperationalError, RedisConnectionError, RedisTimeoutError)
# Messages one flush sends at most: a bounded step, however many a long outage left owed.
FLUSH_LIMIT = 500
# Messages taken and unacknowledged that may be told apart one by one; more means busy.
IDLE_UNACKED_MAX = 16
FLUSH_TASK = "claims.tasks.outbox_flush_task"


def article_dispatch_on_commit(*, article_id: int) -> None:
    """Mark the article's message owed in the current transaction; send it once that commits."""
    owed_since = timezone.now()
    Article.objects.filter(pk=article_id).update(dispatch_pending_since=owed_since)
    transaction.on_commit(partial(article_dispatch, article_id=article_id, owed_since=owed_since))


def article_dispatch(*, article_id: int, owed_since: datetime) -> bool:
    """Send the article's pipeline message and clear its mark; False if the broker refused it.

    The mark is cleared only if it still holds ``owed_since``: a newer request made
    in the meantime stays owed until its own message is sent.
    """
    from claims.tasks import article_process_task

    try:
        article_process_task.apply_async((article_id,))
    except BROKER_ERRORS as exc:
        log.warning(
            "article %s: the broker refused its message (%s); it stays owed", article_id, exc
        )
        return False
    Article.objects.filter(pk=article_id, dispatch_pending_since=owed_since).update(
        dispatch_pending_since=None
    )
    return True


def article_dispatch_defer(*, article_id: int) -> None:
    """Record that a message for the article could not be sent: the outbox sends it later."""
    Article.objects.filter(pk=article_id).update(dispatch_pending_since=timezone.now())


def dispatch_deferred(*, article_id: int) -> bool:
    """True when the broker refused the message of an article just queued (ask after commit).

    Inside a transaction (``ATOMIC_REQUESTS``, a test case) the on-commit send has
    not run yet, so nothing was refused.
    """
    if transaction.get_connection().in_atomic_block:
        return False
    return Article.objects.dispatch_owed().filter(pk=article_id).exists()


def outbox_flush(
    *,
    owed_before: datetime | None = None,
    article_ids: list[int] | None = None,
    limit: int | None = None,
) -> int:
    """Send the messages still owed since before ``owed_before``; returns how many it sent.

    By default only messages owed for longer than ``CLAIMDESK_OUTBOX_EVERY_SECONDS``,
    so the on-commit send of an article created a moment ago is left to finish.
    ``article_ids`` limits it to those articles, ``limit`` (default :data:`FLUSH_LIMIT`)
    to that many. Stops at the first message the broker refuses: the rest stay owed.
    """
    from claims.tasks import article_process_task

    if owed_before is None:
        owed_before = timezone.now() - timedelta(seconds=settings.CLAIMDESK_OUTBOX_EVERY_SECONDS)
    lease = timezone.now()
    sent = []
    try:
        for article_id in _lease(owed_before, article_ids, lease, limit or FLUSH_LIMIT):
            article_process_task.apply_async((article_id,))
            sent.append(article_id)
    except BROKER_ERRORS as exc:
        log.warning("outbox: the broker refused a message (%s); %d sent", exc, len(sent))
    Article.objects.filter(pk__in=sent, dispatch_pending_since=lease).update(
        dispatch_pending_since=None
    )
    return len(sent)


def _lease(
    owed_before: datetime, article_ids: list[int] | None, lease: datetime, limit: int
) -> list[int]:
    """Take up to ``limit`` owed articles for this flush; the ids of those still pending."""
    # Two flushes at once (several workers reconnecting together) must not send the same
    # message twice: each takes its rows under a lock that the other skips, and moves
    # their mark to ``lease``, so that no flush takes them again before they are sent.
    # A flush that dies before sending leaves the lease, taken again a period later.
    owed = Article.objects.dispatch_owed().filter(dispatch_pending_since__lte=owed_before)
    if article_ids is not None:
        owed = owed.filter(pk__in=article_ids)
    with transaction.atomic():
        rows = list(
            owed.order_by("dispatch_pending_since")
            .select_for_update(skip_locked=True)
            .values_list("pk", "status")[:limit]
        )
        Article.objects.filter(pk__in=[pk for pk, _ in rows]).update(dispatch_pending_since=lease)
        # A finished article owes nothing any more (it was processed by an earlier message).
        pending = {ArticleStatus.QUEUED, ArticleStatus.PROCESSING}
        done = [pk for pk, status in rows if status not in pending]
        Article.objects.filter(pk__in=done).update(dispatch_pending_since=None)
    return [pk for pk, status in rows if status in pending]


def outbox_recover_lost(*, older_than: timedelta | None = None) -> list[int]:
    """Mark owed the pending articles that have no message anywhere; returns their ids.

    Only when the broker holds no pipeline message at all, so an article waiting
    behind a backlog is never sent twice; ``older_than`` (default one outbox period)
    leaves alone an article queued a moment ago. The flush then sends them.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.CLAIMDESK_OUTBOX_EVERY_SECONDS)
    if not _broker_idle():
        return []
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        ids = list(
            Article.objects.pending()
            .filter(updated_at__lt=cutoff, dispatch_pending_since__isnull=True)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        # Owed since the cutoff, so that the flush that follows takes them at once.
        Article.objects.filter(pk__in=ids).update(dispatch_pending_since=cutoff)
    if ids:
        log.warning("outbox: articles %s had no message in the broker; sending again", ids)
    return ids


def _broker_idle() -> bool:
    """True when the broker holds no pipeline message: none queued, none taken (Redis only)."""
    try:
        with current_app.connection_for_write() as conn:
            channel = conn.default_channel
            client = getattr(channel, "client", None)
            if client is None or not hasattr(channel, "unacked_key"):
                return False  # not Redis (the in-memory transport of eager mode): no telling
            # A kombu virtual channel (Redis); the stubs' StdChannel has no queue_declare.
            if any(channel.queue_declare(queue=q).message_count for q in _pipeline_queues()):  # type: ignore[attr-defined]
                return False
            if client.hlen(channel.unacked_key) > IDLE_UNACKED_MAX:
                return False
            # Taken messages are [payload, exchange, routing key]; the flush running this
            # check holds its own message, which is no pipeline work.
            held = (json.loads(raw)[0] for raw in client.hvals(channel.unacked_key))
            return all(m.get("headers", {}).get("task") == FLUSH_TASK for m in held)
    except BROKER_ERRORS:
        return False


def _pipeline_queues() -> set[str]:
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    return {settings.CELERY_TASK_DEFAULT_QUEUE, *routed}
