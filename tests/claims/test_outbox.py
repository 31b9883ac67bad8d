"""The outbox: a message the broker refuses is owed, not lost, and sent again later.

The broker's refusal is the real exception a publish raises when Redis is down
(``kombu.exceptions.OperationalError``); tasks run in-process (eager) here, and
tests/integration/test_faults.py proves the same against a stopped redis-server.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerRefused
from rest_framework.test import APIClient

from claimdesk.celery import app as celery_app
from claims import outbox, services
from claims.models import Article, ArticleStatus, Sentence
from claims.tasks import (
    article_detect_batch_task,
    article_fail_task,
    article_process_task,
    outbox_flush_task,
)
from tests.factories import ArticleFactory, api_token_for, article_text

pytestmark = pytest.mark.django_db

REFUSAL = "Error 111 connecting to 127.0.0.1:6379. Connection refused."


class Broker:
    """Stands in for the broker's side of ``apply_async``: takes or refuses messages."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, task=article_process_task) -> None:
        self.task, self.down, self.sent = task, False, []
        self.refuse_after: int | None = None
        self._real = task.apply_async
        monkeypatch.setattr(task, "apply_async", self.apply_async)

    def apply_async(self, args=(), kwargs=None, **options):
        full = self.refuse_after is not None and len(self.sent) >= self.refuse_after
        if self.down or full:
            raise BrokerRefused(REFUSAL)
        self.sent.append(tuple(args))
        return self._real(args, kwargs, **options)


@pytest.fixture
def broker(monkeypatch) -> Broker:
    return Broker(monkeypatch)


def owed(article: Article) -> bool:
    return Article.objects.dispatch_owed().filter(pk=article.pk).exists()


def status(article: Article) -> str:
    return Article.objects.get(pk=article.pk).status


# --- queueing ----------------------------------------------------------------------------------


def test_an_article_is_owed_its_message_until_the_broker_takes_it(
    broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        article = services.article_create(body=article_text(1))
    assert owed(article)  # committed together with the article

    callbacks[0]()

    assert broker.sent == [(article.pk,)]
    assert not owed(article)
    assert status(article) == ArticleStatus.READY


def test_a_refused_message_leaves_the_article_saved_queued_and_owed(
    broker, django_capture_on_commit_callbacks
):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        article = services.article_create(body=article_text(1))

    assert status(article) == ArticleStatus.QUEUED
    assert owed(article)


def test_retry_and_redetect_owe_a_message_as_creating_does(
    broker, monkeypatch, django_capture_on_commit_callbacks
):
    ready = ArticleFactory()
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    failed = ArticleFactory()
    monkeypatch.undo()
    broker = Broker(monkeypatch)
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        assert services.article_redetect(article_id=ready.pk)
        assert services.article_retry(article_id=failed.pk)
    assert owed(ready) and owed(failed)
    assert status(ready) == status(failed) == ArticleStatus.QUEUED


# --- the flush ---------------------------------------------------------------------------------


def refused_article(broker: Broker, n: int, capture) -> Article:
    down = broker.down
    broker.down = True
    with capture(execute=True):
        article = services.article_create(body=article_text(n))
    broker.down = down
    return article


def test_the_flush_sends_what_was_owed_once_the_broker_is_back(
    broker, django_capture_on_commit_callbacks
):
    article = refused_article(broker, 1, django_capture_on_commit_callbacks)

    assert outbox.outbox_flush(owed_before=timezone.now()) == 1

    assert broker.sent == [(article.pk,)]
    assert not owed(article)
    assert status(article) == ArticleStatus.READY


def test_the_flush_leaves_alone_a_message_owed_for_less_than_its_period(
    broker, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_OUTBOX_EVERY_SECONDS = 60
    article = refused_article(broker, 1, django_capture_on_commit_callbacks)

    assert outbox.outbox_flush() == 0
    Article.objects.filter(pk=article.pk).update(
        dispatch_pending_since=timezone.now() - timedelta(seconds=61)
    )
    assert outbox.outbox_flush() == 1
    assert status(article) == ArticleStatus.READY


def test_a_flush_stops_at_a_refusal_and_the_rest_stay_owed(
    broker, django_capture_on_commit_callbacks
):
    articles = [refused_article(broker, n, django_capture_on_commit_callbacks) for n in range(3)]
    broker.refuse_after = 1

    assert outbox.outbox_flush(owed_before=timezone.now()) == 1

    assert [owed(a) for a in articles] == [False, True, True]
    broker.refuse_after = None
    assert outbox.outbox_flush(owed_before=timezone.now()) == 2
    assert {status(a) for a in articles} == {ArticleStatus.READY}


def test_a_flush_sends_nothing_for_a_finished_article_and_clears_its_mark(broker):
    ready = ArticleFactory()
    outbox.article_dispatch_defer(article_id=ready.pk)
    sent_before = len(broker.sent)

    assert outbox.outbox_flush(owed_before=timezone.now()) == 0

    assert len(broker.sent) == sent_before
    assert not owed(ready)


def test_a_flush_that_dies_mid_way_holds_its_lease_for_one_period(
    broker, monkeypatch, django_capture_on_commit_callbacks
):
    article = refused_article(broker, 1, django_capture_on_commit_callbacks)
    started = timezone.now()

    def die(*args, **kwargs):
        raise SystemExit("the worker process was killed")

    monkeypatch.setattr(article_process_task, "apply_async", die)
    with pytest.raises(SystemExit):
        outbox.outbox_flush(owed_before=started)
    monkeypatch.setattr(article_process_task, "apply_async", broker.apply_async)

    # A second flush at the same moment (another worker) does not send it twice...
    assert outbox.outbox_flush(owed_before=started) == 0
    # ...and a later one sends it: the debt outlived the flush that died.
    assert outbox.outbox_flush(owed_before=timezone.now()) == 1
    assert status(article) == ArticleStatus.READY


def test_an_older_send_does_not_clear_a_newer_request(broker):
    article = ArticleFactory(process=False)
    older = Article.objects.get(pk=article.pk).dispatch_pending_since
    outbox.article_dispatch_defer(article_id=article.pk)  # a newer debt, after that send began

    assert outbox.article_dispatch(article_id=article.pk, owed_since=older) is True

    assert owed(article)


def test_the_flush_task_goes_on_when_one_flush_was_not_enough(
    broker, monkeypatch, django_capture_on_commit_callbacks
):
    articles = [refused_article(broker, n, django_capture_on_commit_callbacks) for n in range(3)]
    for article in articles:
        Article.objects.filter(pk=article.pk).update(
            dispatch_pending_since=timezone.now() - timedelta(hours=1)
        )
    monkeypatch.setattr(outbox, "FLUSH_LIMIT", 2)

    outbox_flush_task.apply()

    assert {status(a) for a in articles} == {ArticleStatus.READY}
    assert not Article.objects.dispatch_owed().exists()


def test_a_worker_that_reconnects_sends_even_what_was_owed_a_moment_ago(
    broker, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_OUTBOX_EVERY_SECONDS = 60
    article = refused_article(broker, 1, django_capture_on_commit_callbacks)

    assert outbox_flush_task.apply().get() == 0  # beat's run: maybe still being sent
    assert outbox_flush_task.apply(kwargs={"all_owed": True}).get() == 1  # after a reconnect

    assert status(article) == ArticleStatus.READY


# --- a step that cannot send its batches ----------------------------------------------------


def test_a_step_whose_batches_the_broker_refuses_owes_them_instead_of_retrying(
    monkeypatch, settings
):
    settings.CLAIMDESK_DETECT_BATCH_SIZE = 2
    article = ArticleFactory(body=article_text(1, sentences=7), process=False)
    batches = Broker(monkeypatch, task=article_detect_batch_task)
    batches.down = True

    result = article_process_task.apply((article.pk,))

    # Not retried: a retry is a message too, and Celery drops one it cannot publish.
    assert result.state == "SUCCESS"
    assert status(article) == ArticleStatus.PROCESSING
    assert owed(article)
    batches.down = False
    assert outbox.outbox_flush(owed_before=timezone.now()) == 1
    assert status(article) == ArticleStatus.READY
    assert Sentence.objects.filter(article=article).count() == 7


# --- a failure the database cannot take -------------------------------------------------------


class BrokenDetector:
    version = "broken-1"

    def detect(self, texts):
        raise ValueError("the model file is corrupt")


def test_a_failure_the_database_cannot_take_goes_through_the_broker_and_lands_later(
    monkeypatch,
):
    article = ArticleFactory(process=False)
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    real_fail = services.article_fail

    def database_away(**kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(services, "article_fail", database_away)
    later = []
    monkeypatch.setattr(article_fail_task, "apply_async", lambda args, **kw: later.append(args))

    article_process_task.apply((article.pk,))

    assert status(article) == ArticleStatus.QUEUED  # nothing could be written
    assert len(later) == 1
    monkeypatch.setattr(services, "article_fail", real_fail)
    assert article_fail_task.apply(later[0]).get() is True
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "ValueError: the model file is corrupt" in article.error


# --- the API and the form -----------------------------------------------------------------------


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


def post(client: APIClient, body: str):
    return client.post(
        "/api/articles/", json.dumps({"body": body, "title": "T"}), content_type="application/json"
    )


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_202_with_the_saved_article_when_the_broker_is_down(broker, annotator):
    broker.down = True
    client = api_client(annotator)

    response = post(client, article_text(1))

    assert response.status_code == 202, response.content
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert (data["status"], article.status) == ("queued", ArticleStatus.QUEUED)
    assert response["Location"] == data["api_url"]
    assert owed(article)
    # The client need not post again; if it does, it is told the article exists.
    again = post(client, article_text(1))
    assert again.status_code == 409 and again.json()["id"] == article.pk


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_201_when_the_broker_took_the_message(broker, annotator):
    response = post(api_client(annotator), article_text(1))
    assert response.status_code == 201
    assert not owed(Article.objects.get(pk=response.json()["id"]))


@pytest.mark.django_db(transaction=True)
def test_the_form_says_the_article_was_saved_when_the_broker_is_down(broker, annotator, client):
    broker.down = True
    client.force_login(annotator)

    response = client.post(
        "/articles/new/", {"body": article_text(1), "title": "Saved"}, follow=True
    )

    assert response.status_code == 200
    assert "was saved. The task queue is unreachable" in response.content.decode()
    assert owed(Article.objects.get())


# --- messages lost after they were sent -------------------------------------------------------


def aged(article: Article, seconds: int) -> Article:
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )
    return article


def test_when_the_broker_holds_nothing_a_pending_article_is_owed_its_message_again(
    broker, monkeypatch, django_capture_on_commit_callbacks
):
    # Sent (the mark cleared below), then lost: nothing processed it.
    lost = aged(ArticleFactory(body=article_text(1), process=False), 600)
    recent = ArticleFactory(body=article_text(2), process=False)  # its send may be in flight
    owed_already = aged(refused_article(broker, 3, django_capture_on_commit_callbacks), 600)
    ready = aged(ArticleFactory(body=article_text(4)), 600)
    Article.objects.filter(pk__in=[lost.pk, recent.pk]).update(dispatch_pending_since=None)
    monkeypatch.setattr(outbox, "_broker_idle", lambda: True)

    assert outbox.outbox_recover_lost() == [lost.pk]

    assert owed(lost) and not owed(recent) and not owed(ready)
    assert owed(owed_already)
    assert outbox.outbox_flush() == 1  # owed since the cutoff: the next flush sends it
    assert status(lost) == ArticleStatus.READY


def test_while_the_broker_holds_messages_nothing_is_presumed_lost(broker, monkeypatch):
    lost = aged(ArticleFactory(body=article_text(1), process=False), 600)
    Article.objects.filter(pk=lost.pk).update(dispatch_pending_since=None)
    monkeypatch.setattr(outbox, "_broker_idle", lambda: False)

    assert outbox.outbox_recover_lost() == []
    assert not owed(lost)


def test_the_in_memory_broker_of_eager_mode_is_never_taken_for_an_idle_one(monkeypatch):
    # Eager mode's in-memory broker, whatever broker (and transport) this run's settings name.
    connect = celery_app.connection_for_write
    monkeypatch.setattr(
        celery_app, "connection_for_write", lambda: connect("memory://", transport="memory")
    )
    assert outbox._broker_idle() is False
