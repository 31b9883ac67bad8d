"""Publishing's receivers of the desk's domain events (``annotate.signals``).

Each turns one event into webhook deliveries through the webhooks service.  They run
inside the transaction of the service that sent the event, so the delivery rows are
written with the change and rolled back with it; the service enqueues the sending on
commit.  Connected in ``PublishingConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from claims.models import Claim
from publishing.models import WebhookEvent
from publishing.services.webhooks import webhook_event_emit


def on_claim_published(sender: Any, *, claim: Claim, **kwargs: Any) -> None:
    webhook_event_emit(event=WebhookEvent.PUBLISHED, claim_id=claim.pk)


def on_claim_unpublished(sender: Any, *, claim: Claim, **kwargs: Any) -> None:
    webhook_event_emit(event=WebhookEvent.UNPUBLISHED, claim_id=claim.pk)


def on_verdict_corrected(sender: Any, *, claim: Claim, **kwargs: Any) -> None:
    webhook_event_emit(event=WebhookEvent.CORRECTED, claim_id=claim.pk)
