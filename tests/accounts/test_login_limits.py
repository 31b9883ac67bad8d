"""Failed log-ins are counted in the database and lock the user name out: page and API alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.schema import assert_conforms

pytestmark = pytest.mark.django_db

LOGIN_PAGE = "/accounts/login/"
API_LOGIN = "/api/auth/login/"
PASSWORD = "pw-ann"  # the annotator fixture's password


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def page_login(password: str, client: Client | None = None) -> Any:
    return (client or Client()).post(LOGIN_PAGE, {"username": "ann", "password": password})


def api_login(password: str, username: str = "ann") -> Any:
    return APIClient().post(API_LOGIN, {"username": username, "password": password}, format="json")


def test_the_page_locks_the_user_name_out_after_the_limit_with_a_429_page(annotator):
    assert page_login("wrong-1").status_code == 200  # the form again, with its error
    assert page_login("wrong-2").status_code == 200
    locked = page_login("wrong-3")
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "15 minutes" in locked.content.decode()
    assert locked["Retry-After"] == "900"
    # Now even the right password is refused, and no session is opened.
    client = Client()
    again = page_login(PASSWORD, client)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_are_counted_in_the_database_across_clients(annotator):
    # Three separate clients (no shared cookie or session): the count is the server's.
    for attempt in range(2):
        page_login(f"wrong-{attempt}", Client())
    assert AccessAttempt.objects.get(username="ann").failures_since_start == 2
    assert page_login("wrong-again", Client()).status_code == 429


def test_failures_on_the_page_and_the_api_add_up(annotator):
    page_login("wrong-1")
    api_login("wrong-2")
    assert api_login("wrong-3").status_code == 429
    assert page_login(PASSWORD).status_code == 429


def test_a_successful_log_in_resets_the_count(annotator):
    page_login("wrong-1")
    page_login("wrong-2")
    assert page_login(PASSWORD).status_code == 302
    assert page_login("wrong-3").status_code == 200
    assert page_login("wrong-4").status_code == 200


def test_after_the_cool_off_the_user_can_log_in_again(annotator):
    for attempt in range(3):
        page_login(f"wrong-{attempt}")
    assert page_login(PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert page_login(PASSWORD).status_code == 302


def test_a_locked_out_user_name_does_not_lock_out_another(annotator, annotator2):
    for attempt in range(3):
        page_login(f"wrong-{attempt}")
    other = Client().post(LOGIN_PAGE, {"username": "ann2", "password": "pw-ann2"})
    assert other.status_code == 302


# --- the API's log-in ---------------------------------------------------------------------------


def test_the_api_gives_a_token_for_a_user_name_and_password(annotator, schema):
    response = api_login(PASSWORD)
    assert response.status_code == 200
    assert_conforms(schema, API_LOGIN, "post", 200, response.json())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/me/").json()["username"] == "ann"


def test_a_wrong_password_on_the_api_is_a_401_in_the_error_shape(annotator, schema):
    response = api_login("wrong")
    assert response.status_code == 401
    assert "user name and password" in response.json()["detail"]
    assert_conforms(schema, API_LOGIN, "post", 401, response.json())
    assert not AuthToken.objects.exists()


def test_the_api_locks_out_with_a_429_and_issues_no_token_even_for_the_right_password(
    annotator, schema
):
    api_login("wrong-1")
    api_login("wrong-2")
    locked = api_login("wrong-3")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "Too many failed log-ins" in locked.json()["detail"]
    assert locked["Retry-After"] == "900"
    assert_conforms(schema, API_LOGIN, "post", 429, locked.json())
    right = api_login(PASSWORD)
    assert right.status_code == 429
    assert not AuthToken.objects.exists()


def test_the_api_log_in_documents_its_429(schema):
    assert "429" in schema["paths"][API_LOGIN]["post"]["responses"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"username": "ann"}, "password"), ({"password": "x"}, "username"), ({}, "username")],
)
def test_missing_credentials_are_a_400_naming_the_field(annotator, body, field):
    response = APIClient().post(API_LOGIN, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_inactive_user_gets_no_token(annotator):
    annotator.is_active = False
    annotator.save()
    assert api_login(PASSWORD).status_code == 401
    assert not AuthToken.objects.exists()


def test_the_admin_log_in_is_limited_too(staff):
    for attempt in range(3):
        Client().post("/admin/login/", {"username": "boss", "password": f"wrong-{attempt}"})
    locked = Client().post("/admin/login/", {"username": "boss", "password": "pw-boss"})
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
