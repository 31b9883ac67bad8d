"""The sweeper: articles a lost message or a killed worker left pending are queued again."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims import outbox
from claims.models import Article


def requeue_stuck(*, older_than: timedelta | None = None) -> list[int]:
    """Re-queue articles left queued or processing for too long (lost message, killed worker).

    Safe to run at any time: the pipeline steps are idempotent, so an article
    that was merely slow is processed to the same result. One statement marks them
    all owed, and the outbox sends their messages (in bounded flushes), so a sweep
    after a long outage stays a short step however many articles it finds.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.CLAIMDESK_STUCK_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    with transaction.atomic():
        ids = list(
            Article.objects.pending()
            .filter(updated_at__lt=cutoff)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if ids:
            now = timezone.now()
            # Touching updated_at keeps the next sweep from queueing them again at once.
            Article.objects.filter(pk__in=ids).update(updated_at=now, dispatch_pending_since=now)
            transaction.on_commit(partial(outbox.outbox_flush, owed_before=now, article_ids=ids))
    return ids
