"""API tokens: hashed at rest, expiring, revocable; the command that hands them out."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts import services
from tests.factories import api_token_for

pytestmark = pytest.mark.django_db


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_a_digest_of_the_key_is_stored(annotator):
    key = api_token_for(annotator)
    token = AuthToken.objects.get()
    assert token.digest == hashlib.sha512(key.encode()).hexdigest()
    stored = " ".join(str(value) for value in AuthToken.objects.values_list().get())
    assert key not in stored
    assert client_with(key).get("/api/me/").json()["username"] == "ann"


def test_a_token_expires_after_the_configured_lifetime(annotator, settings):
    before = timezone.now()
    api_token_for(annotator)
    lifetime = timedelta(hours=settings.CLAIMDESK_API_TOKEN_TTL_HOURS)
    expiry = AuthToken.objects.get().expiry
    assert before + lifetime <= expiry <= timezone.now() + lifetime


def test_an_expired_token_is_refused_and_deleted(annotator):
    key = api_token_for(annotator)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    response = client_with(key).get("/api/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."
    assert not AuthToken.objects.exists()


def test_a_new_token_sweeps_the_users_expired_ones(annotator, annotator2):
    api_token_for(annotator)
    api_token_for(annotator2)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    api_token_for(annotator)
    assert AuthToken.objects.filter(user=annotator).count() == 1
    assert AuthToken.objects.filter(user=annotator2).count() == 1  # not theirs to sweep


def test_a_lifetime_must_be_positive(annotator):
    with pytest.raises(ValueError, match="positive"):
        services.api_token_create(user=annotator, expires_in=timedelta(0))


def test_a_token_of_an_inactive_user_is_refused(annotator):
    key = api_token_for(annotator)
    annotator.is_active = False
    annotator.save()
    assert client_with(key).get("/api/me/").status_code == 401


@pytest.mark.parametrize("header", [b"Token \xff\xfe", b"Token " + b"a" * 64, b"Token"])
def test_a_malformed_or_unknown_token_is_a_401_not_a_500(annotator, header):
    api_token_for(annotator)
    response = APIClient().get("/api/me/", HTTP_AUTHORIZATION=header.decode("latin-1"))
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_logout_revokes_the_token_it_was_sent_with_and_no_other(annotator):
    first, second = api_token_for(annotator), api_token_for(annotator)
    assert client_with(first).post("/api/auth/logout/").status_code == 204
    assert client_with(first).get("/api/me/").status_code == 401
    assert client_with(second).get("/api/me/").status_code == 200


def test_logout_with_a_session_says_which_token_to_send(annotator):
    client = APIClient()
    client.force_login(annotator)
    response = client.post("/api/auth/logout/")
    assert response.status_code == 400
    assert "Authorization" in response.json()["errors"]


def test_logoutall_revokes_every_token_of_the_user_only(annotator, annotator2):
    mine, also_mine, theirs = (
        api_token_for(annotator),
        api_token_for(annotator),
        api_token_for(annotator2),
    )
    assert client_with(mine).post("/api/auth/logoutall/").status_code == 204
    assert client_with(also_mine).get("/api/me/").status_code == 401
    assert client_with(theirs).get("/api/me/").status_code == 200


def test_anonymous_cannot_log_out():
    assert APIClient().post("/api/auth/logoutall/").status_code == 401


# --- the commands -------------------------------------------------------------------------------


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_api_token_prints_a_working_key_once(annotator):
    out, err = run("create_api_token", "ann")
    key = out.strip()
    assert client_with(key).get("/api/me/").json()["username"] == "ann"
    assert "not shown again" in err and key not in err


def test_create_api_token_takes_a_lifetime_in_days(annotator):
    before = timezone.now()
    run("create_api_token", "ann", "--expires-in", "2")
    expiry = AuthToken.objects.get().expiry
    assert before + timedelta(days=2) <= expiry <= timezone.now() + timedelta(days=2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody-here"], "No user named"),
        (["ann", "--expires-in", "0"], "more than 0"),
        (["ann", "--expires-in", "soon"], "number of days"),
    ],
)
def test_create_api_token_refuses_bad_input(annotator, args, message):
    with pytest.raises(CommandError, match=message):
        run("create_api_token", *args)
    assert not AuthToken.objects.exists()


def test_revoke_api_tokens_revokes_them_all(annotator):
    key = api_token_for(annotator)
    api_token_for(annotator)
    out, _ = run("revoke_api_tokens", "ann")
    assert "Revoked 2" in out
    assert client_with(key).get("/api/me/").status_code == 401


def test_setup_demo_prints_working_tokens():
    out, _ = run("setup_demo", "--force")
    line = next(line for line in out.splitlines() if line.strip().startswith("editor "))
    key = line.rsplit("API token ", 1)[1].strip()
    assert client_with(key).get("/api/me/").json()["username"] == "editor"


def test_the_schema_keeps_the_token_scheme(client: Any):
    import json

    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}
    assert "/api/auth/logoutall/" in schema["paths"]
