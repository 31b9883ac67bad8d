"""Shared fixtures: a cast of users (one per role), the sample article, claims in each state
of the desk's workflow, the API schema, service checks.

Fixtures used by more than one test folder live here; a folder's conftest.py holds only
its own. Plain helpers (no fixtures) live in tests/factories.py and tests/environment.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from annotate import services as desk
from annotate.models import Verdict
from claimdesk.celery import app as celery_app
from claims.models import Article, Claim
from tests.environment import IN_CI, service_missing
from tests.factories import (
    SAMPLE_ARTICLE,
    SECRET_RATIONALE,
    ArticleFactory,
    client_for,
    decide,
    fresh,
    make_user,
    span_of,
    submit,
)

# Browser fixtures (browser, page); playwright is imported only when one is used.
pytest_plugins = ["tests.browser"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = service_missing()
    if reason is None:
        return
    integration = [item for item in items if item.get_closest_marker("integration")]
    if integration and IN_CI:
        pytest.exit(f"CI=true: the integration tests must run, but {reason}", returncode=1)
    for item in integration:
        item.add_marker(pytest.mark.skip(reason=f"needs PostgreSQL and Redis: {reason}"))


@pytest.fixture(autouse=True)
def _tasks_in_process(request: pytest.FixtureRequest) -> object:
    """Run Celery tasks in-process, except in integration tests that use a real worker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


# Data that migrations write (the role groups, the rating scale).  A transactional
# test ends by flushing every table, so the next transactional test would start
# without it; these are the migrations' own functions, each idempotent.
MIGRATION_DATA = [
    ("claims.migrations.0002_roles", "create_roles"),
    ("annotate.migrations.0002_seed_rating_scale", "seed"),
    ("annotate.migrations.0003_roles", "grant"),
]


@pytest.fixture(autouse=True)
def _migration_data(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("transactional_db")
    for module_name, function in MIGRATION_DATA:
        getattr(importlib.import_module(module_name), function)(apps, None)


@pytest.fixture(scope="module")
def schema(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    """The OpenAPI schema the running site serves, read once per module (check responses
    against it with ``tests.schema.assert_conforms``)."""
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def annotator(db):
    return make_user("ann", "annotator")


@pytest.fixture
def annotator2(db):
    return make_user("ann2", "annotator")


@pytest.fixture
def editor(db):
    return make_user("ed", "editor")


@pytest.fixture
def staff(db):
    return make_user("boss", "editor", staff=True)


@pytest.fixture
def outsider(db):
    """Logged in, but in no group: may see nothing."""
    return make_user("nobody", None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """PBKDF2 costs ~0.3 s per user created; tests need a hasher, not a slow one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def detector_threshold(monkeypatch: pytest.MonkeyPatch) -> object:
    """Call with a threshold to score from then on as ``CLAIMDESK_DETECTOR_THRESHOLD`` says.

    The transparent detector, loaded again for the new value (a process loads its
    detector once); 0.0 makes every sentence check-worthy and 1.0 none.
    """
    from claims import detection

    def use(value: float) -> None:
        monkeypatch.setenv("CLAIMDESK_DETECTOR", "features")
        monkeypatch.setenv("CLAIMDESK_DETECTOR_THRESHOLD", str(value))
        detection._load.cache_clear()

    yield use
    detection._load.cache_clear()


# --- the desk: the sample article and a claim in each state of the workflow -------------------


@pytest.fixture
def article(sample_text: str) -> Article:
    return ArticleFactory(body=sample_text, title="Sample")


@pytest.fixture
def verdict_false(db) -> Verdict:
    return Verdict.objects.get(name="False")


@pytest.fixture
def verdict_true(db) -> Verdict:
    return Verdict.objects.get(name="True")


@pytest.fixture
def misleading(db) -> Verdict:
    return Verdict.objects.get(name="Misleading")


@pytest.fixture
def marked(article: Article, annotator: Any) -> Claim:
    """A claim marked by the annotator, who is therefore its reviewer."""
    start, end = span_of(article)
    return desk.claim_mark(article=article, start=start, end=end, by=annotator)


@pytest.fixture
def reviewed(marked: Claim, annotator: Any, verdict_false: Verdict) -> Claim:
    submit(marked, annotator, verdict_false, "The UN figure is 14,000 by 2021.")
    return fresh(marked)


@pytest.fixture
def decided(reviewed: Claim, editor: Any, verdict_false: Verdict) -> Claim:
    desk.claim_decide(
        claim=reviewed,
        verdict=verdict_false,
        note="Agree with the review.",
        by=editor,
        version=reviewed.version,
    )
    return fresh(reviewed)


@pytest.fixture
def published(decided: Claim, editor: Any) -> Claim:
    desk.claim_publish(claim=decided, by=editor, version=decided.version)
    return fresh(decided)


@pytest.fixture
def blind_claim(
    marked: Claim,
    annotator: Any,
    annotator2: Any,
    editor: Any,
    verdict_false: Verdict,
    misleading: Verdict,
) -> Claim:
    """Both annotators assigned; ann submitted "False" (rationale ``SECRET_RATIONALE``), the
    editor decided "Misleading"; ann2 has submitted nothing and is blind on it."""
    desk.claim_assign(
        claim=marked, reviewers=[annotator2], by=editor, version=fresh(marked).version
    )
    submit(marked, annotator, verdict_false, SECRET_RATIONALE)
    return decide(marked, editor, misleading)


# --- API clients per role (logged in through the session) ---------------------


@pytest.fixture
def as_annotator(annotator: Any) -> APIClient:
    return client_for(annotator)


@pytest.fixture
def as_annotator2(annotator2: Any) -> APIClient:
    return client_for(annotator2)


@pytest.fixture
def as_editor(editor: Any) -> APIClient:
    return client_for(editor)
