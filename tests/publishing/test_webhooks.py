"""Webhooks: registration limits, signed deliveries to a local receiver, retries, the log."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from annotate import services as desk
from publishing.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from publishing.services import webhooks
from tests.factories import client_for, fresh

pytestmark = pytest.mark.django_db


class Receiver:
    """A tiny HTTP server on 127.0.0.1 answering with the statuses it is given, in turn."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.statuses.pop(0) if outer.statuses else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook?x=1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = 3
    settings.CLAIMDESK_WEBHOOK_BACKOFF_SECONDS = 0
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def endpoint(receiver: Receiver, editor: Any) -> WebhookEndpoint:
    response = client_for(editor).post("/api/webhooks/", {"url": receiver.url}, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["secret"]) == 64
    return WebhookEndpoint.objects.get(pk=response.json()["id"])


def publish(claim: Any, editor: Any, capture: Any) -> None:
    with capture(execute=True):
        desk.claim_publish(claim=claim, by=editor, version=fresh(claim).version)


def test_a_publication_is_delivered_signed_and_logged(
    endpoint, receiver, decided, editor, django_capture_on_commit_callbacks
):
    publish(decided, editor, django_capture_on_commit_callbacks)
    [(headers, body)] = receiver.received
    expected = "sha256=" + hmac.new(endpoint.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Claimdesk-Signature"] == expected
    assert headers["X-Claimdesk-Event"] == "claim.published"
    payload = json.loads(body)
    assert payload["id"] == headers["X-Claimdesk-Delivery"]
    assert payload["claim"]["id"] == decided.pk and payload["claim"]["status"] == "published"
    assert payload["claim_review"]["@type"] == "ClaimReview"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    assert WebhookAttempt.objects.get().status_code == 204


def test_failures_are_retried_with_each_attempt_logged(
    endpoint, receiver, decided, editor, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 503]
    publish(decided, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 503, 204]
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    assert len({h["X-Claimdesk-Delivery"] for h, _ in receiver.received}) == 1


def test_a_delivery_gives_up_after_the_last_attempt(
    endpoint, receiver, decided, editor, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 500, 500, 500]
    publish(decided, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert delivery.last_error == "HTTP 500"


def test_a_delivered_delivery_is_not_sent_again(
    endpoint, receiver, decided, editor, django_capture_on_commit_callbacks
):
    publish(decided, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert webhooks.webhook_attempt(delivery_id=str(delivery.pk), last=False) == "skipped"
    assert len(receiver.received) == 1


def test_unpublish_and_correction_are_events_too(
    endpoint, receiver, published, editor, verdict_true, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        desk.claim_decide(
            claim=published,
            verdict=verdict_true,
            note="New data.",
            by=editor,
            version=fresh(published).version,
            correction_note="UN revised.",
        )
    with django_capture_on_commit_callbacks(execute=True):
        desk.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    events = [h["X-Claimdesk-Event"] for h, _ in receiver.received]
    assert events == ["claim.corrected", "claim.unpublished"]
    corrected = json.loads(receiver.received[0][1])
    assert corrected["claim"]["verdict"] == "True"
    assert corrected["claim"]["correction_note"] == "UN revised."


def test_a_rolled_back_publication_sends_nothing(endpoint, receiver, decided, editor):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        desk.claim_publish(claim=decided, by=editor, version=fresh(decided).version)
        raise RuntimeError
    assert not WebhookDelivery.objects.exists() and not receiver.received


def test_an_endpoint_hears_only_the_events_it_asked_for(
    receiver, editor, decided, django_capture_on_commit_callbacks
):
    client_for(editor).post(
        "/api/webhooks/", {"url": receiver.url, "events": ["claim.unpublished"]}, format="json"
    )
    publish(decided, editor, django_capture_on_commit_callbacks)
    assert not receiver.received


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://example.org/hook", "not_https"),
        ("https://127.0.0.1/hook", "private_address"),
        ("https://10.1.2.3/hook", "private_address"),
        ("https://[::1]/hook", "private_address"),
        ("https://169.254.169.254/latest", "private_address"),
        ("https://user:pw@example.org/", "invalid_url"),
    ],
)
def test_only_https_to_public_hosts_is_accepted(editor, url, code):
    response = client_for(editor).post("/api/webhooks/", {"url": url}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_loopback_http_needs_the_setting(editor, settings):
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = False
    response = client_for(editor).post(
        "/api/webhooks/", {"url": "http://127.0.0.1:9/"}, format="json"
    )
    assert response.status_code == 400


def test_only_editors_manage_webhooks_and_read_deliveries(endpoint, annotator, editor):
    assert client_for(annotator).get("/api/webhooks/").status_code == 403
    assert (
        client_for(annotator)
        .post("/api/webhooks/", {"url": "https://example.org"}, format="json")
        .status_code
        == 403
    )
    deliveries = client_for(editor).get(f"/api/webhooks/{endpoint.pk}/deliveries/")
    assert deliveries.status_code == 200 and deliveries.json()["results"] == []
    listed = client_for(editor).get("/api/webhooks/").json()["results"]
    assert "secret" not in listed[0]
    assert client_for(editor).delete(f"/api/webhooks/{endpoint.pk}/").status_code == 204


@pytest.fixture
def garbage_receiver(settings) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that answers every connection with a line that is not HTTP."""
    import socket

    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = 2
    settings.CLAIMDESK_WEBHOOK_BACKOFF_SECONDS = 0
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.recv(65536)
                connection.sendall(b"THIS IS NOT HTTP\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/hook"
    stop.set()
    thread.join()
    server.close()


def test_a_receiver_answering_garbage_is_a_logged_failed_attempt_not_a_crash(
    garbage_receiver, decided, editor, django_capture_on_commit_callbacks
):
    response = client_for(editor).post("/api/webhooks/", {"url": garbage_receiver}, format="json")
    assert response.status_code == 201, response.json()
    publish(decided, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 2
    assert "BadStatusLine" in delivery.last_error
    assert [a.status_code for a in delivery.attempt_log.all()] == [None, None]
