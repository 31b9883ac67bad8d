"""Schemathesis against the live schema, in-process: for every operation, generated requests
(valid and invalid) get no server error and no answer the schema does not describe."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from claimdesk.wsgi import application
from tests.factories import ArticleFactory, api_token_for, publish_reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(_keep_the_test_transaction: None) -> Any:
    # The schema is read from the running app, as a client would read it.
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def token(editor: Any, annotator: Any) -> str:
    """An editor's token, over a database with an article, its claims and a published one."""
    article = ArticleFactory()
    claim = article.claims.first()
    from annotate import services

    services.claim_assign(claim=claim, reviewers=[annotator], by=editor, version=claim.version)
    from annotate.models import Verdict

    publish_reviewed(claim, annotator, editor, Verdict.objects.get(name="False"))
    return api_token_for(editor)


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Any:
    # Django's test client does the same: the WSGI handler would otherwise close the
    # connection that holds the test's transaction after every request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _operations(api_schema: Any, articles: bool) -> list[Any]:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    chosen = [op for op in operations if op.path.startswith("/api/articles") == articles]
    # The log-outs revoke the token every request sends: they go last.
    return sorted(chosen, key=lambda op: op.path.startswith("/api/auth/logout"))


def _fuzz(api_schema: Any, token: str, mode: GenerationMode, articles: bool) -> list[str]:
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    failures = []
    for operation in _operations(api_schema, articles):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        def check(case: Any) -> None:
            # A savepoint per request: on PostgreSQL one failed statement would otherwise
            # abort the test's transaction and fail every request after it.
            with transaction.atomic():
                case.call_and_validate(
                    headers={"Authorization": f"Token {token}"},
                    excluded_checks=[positive_data_acceptance],
                )

        try:
            check()
        except Unsatisfiable:
            continue  # nothing to make invalid (no parameters, no body) in negative mode
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    return failures


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_desk_api_answers_every_generated_request_within_its_schema(api_schema, token, mode):
    """Every operation but the articles' in turn (one test: the fixtures are built once)."""
    assert len(_operations(api_schema, articles=False)) > 25
    failures = _fuzz(api_schema, token, mode, articles=False)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_article_api_answers_every_generated_request_within_its_schema(api_schema, token, mode):
    failures = _fuzz(api_schema, token, mode, articles=True)
    assert not failures, "\n\n".join(failures)
