"""Paths and methods the API does not have: a JSON 404 or a 405, never Django's HTML page
or a 403 that blames the user's role."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from tests.bad_input.world import assert_unchanged, db_state

pytestmark = pytest.mark.django_db

UNKNOWN_PATHS = [
    ("get", "/api/nope/"),
    ("post", "/api/nope/"),
    ("get", "/api/v2/articles/"),
    ("post", "/api/claims/abc/accept/"),
    ("post", "/api/claims/99999999999999999999999/accept/"),
    ("post", "/api/claims/{claim}/nope/"),
    ("get", "/api/articles/99999999999999999999999/"),
    ("get", "/api/articles/-1/"),
    ("get", "/api/articles/{article}/sentences/nope/"),
    ("patch", "/api/reviews/é/"),
    ("get", "/api/export/pdf/"),
]


@pytest.mark.parametrize(("method", "path"), UNKNOWN_PATHS)
def test_an_unknown_api_path_answers_a_json_404(world, path, method):
    before = db_state()
    response = getattr(world.client("editor"), method)(world.fill(path), {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] and response.json()["code"] == "not_found"
    assert_unchanged(before)


def test_outside_the_api_a_404_is_still_the_html_page(world):
    response = world.client("editor").get("/nope/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


UNSUPPORTED = [
    ("delete", "/api/articles/{article}/", "editor"),
    ("delete", "/api/articles/{article}/", "annotator"),
    ("delete", "/api/articles/{article}/", None),
    ("put", "/api/articles/{article}/", "editor"),
    ("patch", "/api/articles/{article}/", "annotator"),
    ("delete", "/api/articles/", "editor"),
    ("post", "/api/articles/{article}/sentences/", "editor"),
    ("post", "/api/verdicts/", "editor"),
    ("put", "/api/verdicts/{verdict}/", "editor"),
    ("delete", "/api/verdicts/{verdict}/", "editor"),
    ("delete", "/api/claims/{claim}/", "editor"),
    ("put", "/api/claims/{claim}/", "annotator"),
    ("get", "/api/claims/{claim}/publish/", "editor"),
    ("put", "/api/reviews/{review}/", "annotator"),
    ("delete", "/api/reviews/{review}/", "annotator"),
    ("put", "/api/sources/{source}/", "annotator"),
    ("patch", "/api/webhooks/{webhook}/", "editor"),
    ("put", "/api/webhooks/{webhook}/", "editor"),
    ("post", "/api/me/", "annotator"),
    ("delete", "/api/prior-fact-checks/import/", "editor"),
]


@pytest.mark.parametrize(("method", "path", "role"), UNSUPPORTED)
def test_a_method_the_path_does_not_have_answers_405_whoever_asks(world, method, path, role):
    client = world.client(role) if role else APIClient()
    before = db_state()
    response = getattr(client, method)(world.fill(path), {}, format="json")
    assert response.status_code == 405, response.content
    assert method.upper() not in response["Allow"]
    assert response.json()["code"] == "method_not_allowed"
    assert method.upper() in response.json()["detail"]
    assert_unchanged(before)


BAD_QUERIES = [
    ("/api/articles/?page_size=" + "9" * 5000, "page_size"),
    ("/api/articles/?page_size=-1", "page_size"),
    ("/api/claims/?page_size=0", "page_size"),
    ("/api/articles/?cursor=not-a-cursor", "cursor"),
    ("/api/articles/?created_after=9999-12-31T23:59:59-14:00", "created_after"),
    ("/api/claims/?article=" + "9" * 40, "article"),
    ("/api/export/csv/?published_after=0001-01-01T00:00:00%2B14:00", "published_after"),
]


@pytest.mark.parametrize(("path", "where"), BAD_QUERIES)
def test_a_bad_query_parameter_answers_400_naming_it(world, path, where):
    response = world.client("editor").get(path)
    assert response.status_code == 400, response.content[:300]
    assert where in response.json()["errors"]


def test_a_server_error_under_the_api_keeps_the_json_shape(rf):
    from claimdesk.api.errors import server_error

    api = server_error(rf.get("/api/claims/"))
    assert api.status_code == 500 and api["Content-Type"].startswith("application/json")
    assert json.loads(api.content)["code"] == "server_error"
    page = server_error(rf.get("/desk/claims/"))
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
