"""Webhook events come from the desk's explicit signals, never from history reasons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.dispatch import Signal

from annotate import services as desk
from annotate import signals
from annotate.models import Decision
from annotate.services._common import save
from claims.models import Claim, ClaimStatus
from publishing.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from publishing.services import webhooks
from tests.factories import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoint(settings: Any, editor: Any) -> WebhookEndpoint:
    # Nothing listens on port 9: the tests read the delivery rows, which are written
    # in the change's transaction; sending waits for a commit these tests never make.
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    return webhooks.webhook_register(url="http://127.0.0.1:9/hook", events=[], by=editor)


def events() -> list[str]:
    return list(WebhookDelivery.objects.order_by("created_at").values_list("event", flat=True))


class Recorder:
    """Records what a signal is sent with."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, sender: Any, **kwargs: Any) -> None:
        self.calls.append({"sender": sender, **kwargs})


@pytest.fixture
def heard() -> Iterator[dict[str, Recorder]]:
    recorders = {
        "published": Recorder(),
        "unpublished": Recorder(),
        "corrected": Recorder(),
    }
    pairs: list[tuple[Signal, Recorder]] = [
        (signals.claim_published, recorders["published"]),
        (signals.claim_unpublished, recorders["unpublished"]),
        (signals.verdict_corrected, recorders["corrected"]),
    ]
    for signal, recorder in pairs:
        signal.connect(recorder, weak=False)
    yield recorders
    for signal, recorder in pairs:
        signal.disconnect(recorder)


def correct(claim: Claim, editor: Any, verdict: Any) -> Decision:
    return desk.claim_decide(
        claim=claim,
        verdict=verdict,
        note="New data.",
        by=editor,
        version=fresh(claim).version,
        correction_note="UN revised.",
    )


def test_publishing_through_the_service_emits_exactly_one_event(endpoint, decided, editor):
    desk.claim_publish(claim=decided, by=editor, version=fresh(decided).version)
    assert events() == [WebhookEvent.PUBLISHED]
    assert WebhookDelivery.objects.get().payload["claim"]["status"] == "published"


def test_unpublishing_through_the_service_emits_exactly_one_event(endpoint, published, editor):
    WebhookDelivery.objects.all().delete()
    desk.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    assert events() == [WebhookEvent.UNPUBLISHED]


def test_correcting_a_published_verdict_emits_exactly_one_event(
    endpoint, published, editor, verdict_true
):
    WebhookDelivery.objects.all().delete()
    correct(published, editor, verdict_true)
    assert events() == [WebhookEvent.CORRECTED]
    assert WebhookDelivery.objects.get().payload["claim"]["verdict"] == "True"


def test_a_correction_of_an_unpublished_claim_is_no_event(
    endpoint, published, editor, verdict_true, heard
):
    desk.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    WebhookDelivery.objects.all().delete()
    correct(published, editor, verdict_true)
    assert events() == [] and heard["corrected"].calls == []


def test_the_services_send_each_signal_once_with_its_arguments(
    decided, editor, verdict_true, heard
):
    decision = decided.decisions.current().get()
    desk.claim_publish(claim=decided, by=editor, version=fresh(decided).version)
    [published] = heard["published"].calls
    assert published["sender"] is Claim and published["by"] == editor
    assert published["claim"].pk == decided.pk
    assert published["claim"].status == ClaimStatus.PUBLISHED
    assert published["decision"].pk == decision.pk

    corrected_to = correct(decided, editor, verdict_true)
    [corrected] = heard["corrected"].calls
    assert corrected["claim"].pk == decided.pk and corrected["by"] == editor
    assert corrected["decision"].pk == corrected_to.pk and corrected["decision"].is_current
    assert corrected["previous"].pk == decision.pk and not corrected["previous"].is_current

    desk.claim_unpublish(
        claim=decided, by=editor, version=fresh(decided).version, reason="  Source retracted. "
    )
    [unpublished] = heard["unpublished"].calls
    assert unpublished["claim"].pk == decided.pk
    assert unpublished["claim"].status == ClaimStatus.REVIEWED
    assert unpublished["reason"] == "Source retracted." and unpublished["by"] == editor
    assert len(heard["published"].calls) == len(heard["corrected"].calls) == 1


def test_recording_a_first_verdict_sends_no_signal(reviewed, editor, verdict_false, heard):
    desk.claim_decide(
        claim=reviewed, verdict=verdict_false, note="", by=editor, version=reviewed.version
    )
    assert all(not recorder.calls for recorder in heard.values())


def test_history_records_with_event_like_reasons_emit_nothing(endpoint, published, editor):
    WebhookDelivery.objects.all().delete()
    claim = fresh(published)
    for reason in ("published", "unpublished: by hand", "final verdict corrected"):
        save(claim, by=editor, reason=reason)
    decision = claim.decisions.current().get()
    save(decision, by=editor, reason="correction")
    assert claim.history.filter(history_change_reason="published").count() == 2
    assert events() == []


def test_events_do_not_depend_on_the_history_being_recorded(
    endpoint, decided, editor, verdict_true, settings
):
    # With no history record written at all, no reason wording can be what is matched.
    settings.SIMPLE_HISTORY_ENABLED = False
    history_before = Claim.history.count()
    desk.claim_publish(claim=decided, by=editor, version=fresh(decided).version)
    correct(decided, editor, verdict_true)
    desk.claim_unpublish(claim=decided, by=editor, version=fresh(decided).version)
    assert Claim.history.count() == history_before
    assert events() == [WebhookEvent.PUBLISHED, WebhookEvent.CORRECTED, WebhookEvent.UNPUBLISHED]


def test_a_failing_receiver_rolls_the_publication_back(endpoint, decided, editor):
    def refuse(sender: Any, **kwargs: Any) -> None:
        raise RuntimeError("receiver down")

    signals.claim_published.connect(refuse, weak=False)
    try:
        with pytest.raises(RuntimeError):
            desk.claim_publish(claim=decided, by=editor, version=fresh(decided).version)
    finally:
        signals.claim_published.disconnect(refuse)
    assert fresh(decided).status == ClaimStatus.REVIEWED
    assert events() == []
