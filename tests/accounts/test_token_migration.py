"""The data migration: DRF's plain-text keys become hashed, expiring knox tokens that still work."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

MIGRATION = ("accounts", "0001_drf_tokens_to_knox")
OLD_KEYS = ["0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98"]


@pytest.fixture(autouse=True)
def _no_table_left_behind() -> Iterator[None]:
    yield
    if "authtoken_token" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE authtoken_token")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()
    migrate([MIGRATION])


def migrate(target: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(target)


def make_drf_token_table(users: list[int]) -> None:
    """DRF's authtoken table as its migrations left it, with one key per user."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) NOT NULL PRIMARY KEY, "
            "created timestamp with time zone NOT NULL, user_id integer NOT NULL UNIQUE)"
        )
        for key, user in zip(OLD_KEYS[: len(users)], users, strict=True):
            cursor.execute(
                "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
                [key, timezone.now() - timedelta(days=400), user],
            )
    MigrationRecorder(connection).record_applied("authtoken", "0001_initial")


@pytest.mark.django_db(transaction=True)
def test_existing_drf_keys_keep_working_hashed_and_expiring(annotator, editor, settings):
    migrate([("accounts", None)])
    make_drf_token_table([annotator.pk, editor.pk])
    before = timezone.now()
    migrate([MIGRATION])
    for key, username in zip(OLD_KEYS, ["ann", "ed"], strict=True):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert client.get("/api/me/").json()["username"] == username
    lifetime = timedelta(hours=settings.CLAIMDESK_API_TOKEN_TTL_HOURS)
    for token in AuthToken.objects.all():
        assert before + lifetime <= token.expiry <= timezone.now() + lifetime
    digests = set(AuthToken.objects.values_list("digest", flat=True))
    assert digests == {hashlib.sha512(key.encode()).hexdigest() for key in OLD_KEYS}


@pytest.mark.django_db(transaction=True)
def test_the_plain_text_keys_are_gone_with_their_table(annotator):
    migrate([("accounts", None)])
    make_drf_token_table([annotator.pk])
    migrate([MIGRATION])
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not MigrationRecorder(connection).migration_qs.filter(app="authtoken").exists()


@pytest.mark.django_db(transaction=True)
def test_a_migrated_key_stops_working_when_it_expires(annotator):
    migrate([("accounts", None)])
    make_drf_token_table([annotator.pk])
    migrate([MIGRATION])
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {OLD_KEYS[0]}")
    assert client.get("/api/me/").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_without_a_drf_table_the_migration_does_nothing():
    migrate([("accounts", None)])
    migrate([MIGRATION])
    assert not AuthToken.objects.exists()
