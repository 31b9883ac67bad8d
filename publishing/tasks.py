"""Celery tasks of publishing: thin wrappers around the services."""

from __future__ import annotations

import random

from celery import shared_task
from django.conf import settings

from publishing.services import webhooks


def backoff(retries: int) -> float:
    """Exponential with jitter, capped well under the broker's visibility timeout."""
    base = float(settings.CLAIMDESK_WEBHOOK_BACKOFF_SECONDS)
    return min(base * 2.0**retries, 600.0) * random.uniform(0.8, 1.2)  # noqa: S311


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def webhook_deliver_task(self, delivery_id: str) -> str:  # type: ignore[no-untyped-def]
    """Deliver once; idempotent: a delivered (or in-flight) delivery is left alone."""
    attempts = int(settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS)
    outcome = webhooks.webhook_attempt(
        delivery_id=delivery_id, last=self.request.retries + 1 >= attempts
    )
    if outcome == "retry":
        raise self.retry(countdown=backoff(self.request.retries))
    return outcome
