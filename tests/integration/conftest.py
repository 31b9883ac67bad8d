"""A real Celery worker against the test database and a Redis database of its own.

The integration tests send tasks from the test process to Redis and let a
``celery -A claimdesk worker`` subprocess run them against the PostgreSQL test
database that pytest-django created, so every step of the pipeline crosses the
same process, broker and database boundaries as in production.

Isolation: a run claims a free Redis database (1-15) with a lock key and
empties it before each worker starts, so two runs on one Redis server (two
developers, two CI jobs) never see each other's messages.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import pytest
import redis
from django.contrib.auth.models import Group, Permission
from rest_framework.test import APIClient

from claimdesk.celery import app as celery_app
from claims.roles import EDITOR, ROLE_PERMISSIONS
from tests.factories import api_token_for

from . import support
from .support import Worker, point_celery_at
from .waits import database_url

LOCK_KEY = support.REDIS_LOCK_KEY


def _redis_url_with_db(url: str, db: int) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{db}"))


def _empty_except_lock(client: redis.Redis) -> None:
    for key in client.scan_iter(count=1000):
        if key != LOCK_KEY.encode():
            client.delete(key)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a Redis database this run holds alone (released at the end)."""
    base = os.environ["REDIS_URL"]
    token = f"{os.getpid()}-{uuid.uuid4().hex}"
    for db in range(1, 16):
        client = redis.Redis.from_url(_redis_url_with_db(base, db))
        # The lock expires on its own if a run dies without cleaning up.
        if client.set(LOCK_KEY, token, nx=True, ex=4 * 3600):
            break
        client.close()
    else:
        pytest.fail("every Redis database 1-15 is held by another integration run")
    _empty_except_lock(client)
    try:
        yield _redis_url_with_db(base, db)
    finally:
        if client.get(LOCK_KEY) == token.encode():
            client.flushdb()
        client.close()


@pytest.fixture(scope="session")
def broker(redis_url: str) -> Iterator[redis.Redis]:
    """Point this process's Celery app at the run's Redis database; yields a client to it."""
    previous = celery_app.conf.broker_url
    point_celery_at(redis_url)
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()
    point_celery_at(previous)


StartWorker = Callable[..., Worker]


@pytest.fixture
def start_worker(
    transactional_db: None, broker: redis.Redis, redis_url: str, tmp_path: Path
) -> Iterator[StartWorker]:
    """Start real workers: ``start_worker(concurrency=2, env={...})``; all stop at teardown.
    ``start_worker(beat=True, env=...)`` starts ``celery beat`` instead, on the same
    environment (the outbox flush and the sweeper, as in production).

    It depends on ``transactional_db`` so that the workers stop before the
    tables are flushed, and empties the Redis database first so that no message
    of an earlier test reaches them. ``env`` overrides the worker's environment
    (another ``CELERY_BROKER_URL``, ``DATABASE_URL``, a setting).
    """
    workers: list[Worker] = []

    def start(
        *,
        concurrency: int = 2,
        pool: str = "prefork",
        env: dict[str, str] | None = None,
        beat: bool = False,
    ) -> Worker:
        if not beat:
            _empty_except_lock(broker)
        worker_env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            **(env or {}),
        }
        log_path = tmp_path / f"worker-{len(workers)}.log"
        try:
            if beat:
                schedule = tmp_path / f"beat-{len(workers)}-schedule"
                worker = support.start_beat(env=worker_env, log_path=log_path, schedule=schedule)
            else:
                worker = support.start_worker(
                    env=worker_env, log_path=log_path, concurrency=concurrency, pool=pool
                )
        except support.ServiceError as exc:
            pytest.fail(str(exc))
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    # Shown by pytest only when the test failed.
    for worker in workers:
        print(f"\n----- log of {worker.hostname} -----\n{worker.log()}")


@pytest.fixture
def api_editor(transactional_db: None, django_user_model: Any) -> APIClient:
    """An API client authenticated by token as a member of the editor group.

    The group is (re)created here: ``transactional_db`` empties every table after
    each test, including the groups the data migration made.
    """
    group, _ = Group.objects.get_or_create(name=EDITOR)
    for dotted in ROLE_PERMISSIONS[EDITOR]:
        app_label, codename = dotted.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = django_user_model.objects.create_user(username="it-editor", password="unused-pw")
    user.groups.add(group)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client
