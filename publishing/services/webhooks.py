"""Webhooks: editors register HTTPS endpoints; publish, unpublish and correction events are
delivered by Celery, signed with HMAC-SHA256 over the body, each attempt logged.

Deliveries are rows written in the transaction of the change that caused them and
enqueued on commit, so a rolled-back publication sends nothing.  Only public
addresses over HTTPS on port 443 are reached, checked at registration and again at each
attempt, which connects to the address it checked (see ``webhook_targets``);
``CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK`` lets tests use http://127.0.0.1.  Redirects are not
followed.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import secrets
import time
import uuid
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from annotate import roles
from claimdesk.errors import Forbidden
from claimdesk.types import User
from claims.models import Claim
from publishing.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from publishing.services.webhook_targets import WebhookRefused, check_target, post

SIGNATURE_HEADER = "X-Claimdesk-Signature"
LEASE = timedelta(minutes=5)
RETRY_STATUSES = {408, 425, 429}


def webhook_register(
    *, url: str, events: list[str], by: User, description: str = ""
) -> WebhookEndpoint:
    """Register an endpoint; its secret is shown once, to the editor who registered it."""
    if not roles.can_publish(by):
        raise Forbidden("Only editors can register webhooks.")
    unknown = sorted(set(events) - set(WebhookEvent.values))
    if unknown:
        raise WebhookRefused(
            f"Unknown event(s) {', '.join(unknown)}; use {', '.join(WebhookEvent.values)}.",
            code="invalid",
            field="events",
        )
    check_target(url)
    return WebhookEndpoint.objects.create(
        url=url,
        events=sorted(set(events)),
        description=description.strip(),
        created_by=by,
        secret=secrets.token_hex(32),
    )


def webhook_remove(*, endpoint: WebhookEndpoint, by: User) -> None:
    if not roles.can_publish(by):
        raise Forbidden("Only editors can remove webhooks.")
    endpoint.delete()


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _payload(event: str, claim_id: int, delivery_id: uuid.UUID) -> dict[str, Any]:
    from publishing.exports.jsonld import claim_review, public_url
    from publishing.exports.rows import claim_batches

    site = settings.CLAIMDESK_SITE_URL.rstrip("/")
    item = next(claim_batches(Claim.objects.filter(pk=claim_id)))[0]
    row = item.row
    return {
        "id": str(delivery_id),
        "event": event,
        "created_at": timezone.now().isoformat(),
        "claim": {
            "id": row.id,
            "status": row.status,
            "quote": row.quote,
            "verdict": row.verdict,
            "correction_note": row.correction_note or "",
            "url": public_url(site, row),
        },
        "claim_review": claim_review(item, site) if row.verdict and row.published else None,
    }


def webhook_event_emit(*, event: str, claim_id: int) -> list[uuid.UUID]:
    """Write one delivery per interested endpoint and enqueue them when the change commits."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if e.wants(event)]
    if not endpoints:
        return []
    from publishing.tasks import webhook_deliver_task

    ids = []
    for endpoint in endpoints:
        delivery_id = uuid.uuid4()
        WebhookDelivery.objects.create(
            id=delivery_id,
            endpoint=endpoint,
            event=event,
            payload=_payload(event, claim_id, delivery_id),
        )
        ids.append(delivery_id)
        transaction.on_commit(partial(webhook_deliver_task.delay, str(delivery_id)))
    return ids


def _claim(delivery_id: str) -> WebhookDelivery | None:
    """Take the delivery for this attempt; None when it is done or another worker has it."""
    now = timezone.now()
    free = Q(status=DeliveryStatus.PENDING) | Q(
        status=DeliveryStatus.SENDING, sending_since__lt=now - LEASE
    )
    # A conditional UPDATE: of two workers holding the same message, one gets the row.
    if not WebhookDelivery.objects.filter(free, pk=delivery_id).update(
        status=DeliveryStatus.SENDING, sending_since=now, attempts=F("attempts") + 1
    ):
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    # Checked again at each attempt: the name may point elsewhere since registration.
    target = check_target(url)
    return post(target, body, headers, float(settings.CLAIMDESK_WEBHOOK_TIMEOUT_SECONDS))


def webhook_attempt(*, delivery_id: str, last: bool) -> str:
    """One attempt: "delivered", "retry", "failed", or "skipped" (done or taken)."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return "skipped"
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Claimdesk-Webhooks/1",
        "X-Claimdesk-Event": delivery.event,
        "X-Claimdesk-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body),
    }
    started, code, error = time.monotonic(), None, ""
    try:
        code = _post(delivery.endpoint.url, body, headers)
    except WebhookRefused as refused:
        error = refused.message
    except (OSError, ValueError, http.client.HTTPException) as failure:
        # HTTPException: a receiver that answers something other than HTTP.
        error = f"{type(failure).__name__}: {failure}"
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts,
        status_code=code,
        error=error[:2000],
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    return _settle(delivery, code, error, last)


def _settle(delivery: WebhookDelivery, code: int | None, error: str, last: bool) -> str:
    if code is not None and 200 <= code < 300:
        outcome, status = "delivered", DeliveryStatus.DELIVERED
    elif last or (code is not None and code < 500 and code not in RETRY_STATUSES):
        outcome, status = "failed", DeliveryStatus.FAILED
    else:
        outcome, status = "retry", DeliveryStatus.PENDING
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        sending_since=None,
        last_error=error or (f"HTTP {code}" if outcome != "delivered" else ""),
        delivered_at=timezone.now() if outcome == "delivered" else None,
    )
    return outcome
