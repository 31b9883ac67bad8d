"""Webhook events from the desk's history records.

The desk's services (``annotate.services``) record every change with a reason through
django-simple-history; publishing, unpublishing and a correction of a published
verdict are recognised here and turned into webhook deliveries in the same
transaction.  This keeps ``annotate`` unaware of publishing; an explicit event from
the services would be the sturdier hook if their reasons ever change.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from annotate.models import Decision
from claims.models import Claim, ClaimStatus
from publishing.models import WebhookEvent
from publishing.services.webhooks import webhook_event_emit


@receiver(post_create_historical_record)
def emit_publication_events(
    sender: Any, instance: Any, history_instance: Any, **kwargs: Any
) -> None:
    reason = getattr(history_instance, "history_change_reason", None) or ""
    if isinstance(instance, Claim):
        if reason == "published":
            webhook_event_emit(event=WebhookEvent.PUBLISHED, claim_id=instance.pk)
        elif reason.startswith("unpublished"):
            webhook_event_emit(event=WebhookEvent.UNPUBLISHED, claim_id=instance.pk)
    elif (
        isinstance(instance, Decision)
        and reason == "correction"
        and Claim.objects.filter(pk=instance.claim_id, status=ClaimStatus.PUBLISHED).exists()
    ):
        webhook_event_emit(event=WebhookEvent.CORRECTED, claim_id=instance.claim_id)
