"""The sweeper: articles stuck in queued or processing are queued again, nothing else is."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims import services
from claims.models import Article, ArticleStatus
from claims.tasks import requeue_stuck_task
from tests.factories import ArticleFactory, article_text

pytestmark = pytest.mark.django_db


class BrokenDetector:
    version = "broken-1"

    def detect(self, texts):
        raise ValueError("the model file is corrupt")


def age(article: Article, seconds: int) -> None:
    """Pretend nothing happened to the article for ``seconds`` (the one field a test moves)."""
    Article.objects.filter(pk=article.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds)
    )


def stuck_queued(n: int) -> Article:
    """Created, but its message was lost: still queued."""
    return ArticleFactory(body=article_text(n), process=False)


def stuck_processing(n: int) -> Article:
    """Split into sentences, then the worker died before detection."""
    article = ArticleFactory(body=article_text(n), process=False)
    services.article_split(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PROCESSING
    return article


@pytest.fixture
def cast(monkeypatch):
    """Old and recent articles in every state."""
    old_queued, old_processing = stuck_queued(1), stuck_processing(2)
    recent_queued, recent_processing = stuck_queued(3), stuck_processing(4)
    ready = ArticleFactory(body=article_text(5))
    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    failed = ArticleFactory(body=article_text(6))
    monkeypatch.undo()
    assert (ready.status, failed.status) == (ArticleStatus.READY, ArticleStatus.FAILED)
    for article in (old_queued, old_processing, ready, failed):
        age(article, 3600)
    return {
        "old_queued": old_queued,
        "old_processing": old_processing,
        "recent_queued": recent_queued,
        "recent_processing": recent_processing,
        "ready": ready,
        "failed": failed,
    }


def statuses(cast: dict[str, Article]) -> dict[str, str]:
    return {name: Article.objects.get(pk=a.pk).status for name, a in cast.items()}


def test_it_requeues_only_old_queued_and_processing_articles(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        ids = services.requeue_stuck(older_than=timedelta(minutes=30))
    assert sorted(ids) == sorted([cast["old_queued"].pk, cast["old_processing"].pk])
    # Marked owed in one statement, sent by one flush of the outbox once the sweep commits.
    assert len(callbacks) == 1
    assert set(Article.objects.dispatch_owed().values_list("pk", flat=True)) >= set(ids)


def test_requeued_articles_are_processed_to_ready_in_eager_mode(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.requeue_stuck(older_than=timedelta(minutes=30))
    assert statuses(cast) == {
        "old_queued": "ready",
        "old_processing": "ready",
        "recent_queued": "queued",
        "recent_processing": "processing",
        "ready": "ready",
        "failed": "failed",
    }
    resumed = Article.objects.get(pk=cast["old_processing"].pk)
    assert resumed.sentence_count == resumed.sentences.count() == 3  # not split twice
    assert resumed.attempts == 2


def test_ready_and_failed_articles_are_left_alone_whatever_their_age(
    cast, django_capture_on_commit_callbacks
):
    before = {name: Article.objects.get(pk=a.pk).updated_at for name, a in cast.items()}
    with django_capture_on_commit_callbacks() as callbacks:
        ids = services.requeue_stuck(older_than=timedelta(seconds=0))
    assert cast["ready"].pk not in ids and cast["failed"].pk not in ids
    assert len(callbacks) == 1 and len(ids) == 4
    after = {name: Article.objects.get(pk=a.pk).updated_at for name, a in cast.items()}
    assert after["ready"] == before["ready"] and after["failed"] == before["failed"]
    assert Article.objects.get(pk=cast["failed"].pk).error


def test_a_second_sweep_right_after_queues_nothing_again(cast, django_capture_on_commit_callbacks):
    services.requeue_stuck(older_than=timedelta(minutes=30))
    with django_capture_on_commit_callbacks() as callbacks:
        assert services.requeue_stuck(older_than=timedelta(minutes=30)) == []
    assert callbacks == []


def test_the_default_age_comes_from_the_settings(settings, django_capture_on_commit_callbacks):
    article = stuck_queued(1)
    age(article, 100)
    settings.CLAIMDESK_STUCK_AFTER_SECONDS = 200
    assert services.requeue_stuck() == []
    settings.CLAIMDESK_STUCK_AFTER_SECONDS = 50
    assert services.requeue_stuck() == [article.pk]


def test_the_beat_task_runs_the_sweeper(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ids = requeue_stuck_task.apply().get()
    assert sorted(ids) == sorted([cast["old_queued"].pk, cast["old_processing"].pk])
    assert statuses(cast)["old_queued"] == "ready"


# --- the command ------------------------------------------------------------------------------


def test_the_command_says_which_articles_it_requeued(cast, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("requeue_stuck", "--older-than", "1800", stdout=out)
    head, _, listed = out.getvalue().strip().partition(": ")
    assert head == "re-queued 2 article(s)"
    assert sorted(int(i) for i in listed.split(", ")) == sorted(
        [cast["old_queued"].pk, cast["old_processing"].pk]
    )
    assert statuses(cast)["old_processing"] == "ready"


def test_the_command_says_so_when_nothing_is_stuck(cast):
    out = StringIO()
    call_command("requeue_stuck", "--older-than", "86400", stdout=out)
    assert out.getvalue().strip() == "no stuck articles"
    assert statuses(cast)["old_queued"] == "queued"
