"""The OpenAPI schema, the interactive docs, and API responses checked against the schema."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from kombu.exceptions import OperationalError as BrokerRefused
from rest_framework.test import APIClient

from claimdesk.api_docs import REDOC_STYLE_HASHES
from claims import services
from claims.tasks import article_process_task
from tests.factories import ArticleFactory, article_text
from tests.schema import assert_conforms

pytestmark = pytest.mark.django_db


# --- the document ------------------------------------------------------------------------------


def test_the_schema_is_a_valid_openapi_3_document(schema):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(schema)
    assert schema["openapi"].startswith("3.")


def test_the_schema_describes_the_article_endpoints(schema):
    assert schema["info"]["title"] == "Claimdesk API"
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/articles/"])
    assert "get" in paths["/api/articles/{id}/"]
    assert "get" in paths["/api/articles/{article_pk}/sentences/"]
    create = paths["/api/articles/"]["post"]
    assert {"201", "400", "409", "413"} <= set(create["responses"])
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ArticleCreateRequest"
    }


def test_the_schema_documents_token_and_session_auth_on_every_operation(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["tokenAuth"]["in"] == "header"
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert "Token" in schemes["tokenAuth"]["description"]
    assert schemes["cookieAuth"]["in"] == "cookie"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = {name for entry in operation["security"] for name in entry}
            assert {"tokenAuth", "cookieAuth"} <= names, (method, path)


def test_the_schema_is_served_as_yaml_by_default():
    response = Client().get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


# --- the docs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_render_with_local_assets_only(url):
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"https?://(cdn|unpkg|cdnjs|fonts)\.", html)
    assets = re.findall(r"""(?:src|href)\s*=\s*["'](/static/[^"']+)["']""", html)
    assert assets
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset


def test_the_swagger_ui_points_at_the_local_schema_from_a_same_origin_script():
    client = Client()
    html = client.get("/api/docs/").content.decode()
    assert "<script>" not in html and "<style" not in html
    (script_url,) = re.findall(r"""<script src="(/api/docs/\?[^"]*script=[^"]*)">""", html)
    script = client.get(script_url.replace("&amp;", "&"))
    assert script["Content-Type"] == "application/javascript"
    assert script["Cross-Origin-Resource-Policy"] == "same-origin"
    assert '"/api/schema/"' in script.content.decode()


def test_the_redoc_page_starts_redoc_from_a_static_script_that_carries_the_style_nonce():
    response = Client().get("/api/redoc/")
    html = response.content.decode()
    assert "<script>" not in html and "<style" not in html
    (nonce,) = re.findall(r'<script src="/static/js/redoc-init.js" nonce="([^"]+)">', html)
    policy = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split(";")}
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'", *REDOC_STYLE_HASHES]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert 'data-schema-url="/api/schema/"' in html


# --- responses against the schema --------------------------------------------------------------


@pytest.fixture
def api(annotator) -> APIClient:
    client = APIClient()
    client.force_login(annotator)
    return client


def test_a_created_article_conforms_to_the_schema(schema, api):
    response = api.post(
        "/api/articles/",
        {
            "body": "Prices rose by 7% in 2023.",
            "url": "https://example.org/a",
            "published_at": "2024-03-01T10:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 201
    assert_conforms(schema, "/api/articles/", "post", 201, response.json())


@pytest.mark.django_db(transaction=True)
def test_an_article_saved_while_the_broker_is_down_conforms_to_the_schema(schema, api, monkeypatch):
    def refused(*args, **kwargs):
        raise BrokerRefused("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(article_process_task, "apply_async", refused)
    response = api.post(
        "/api/articles/", {"body": "Queued once the broker is back."}, format="json"
    )
    assert response.status_code == 202
    assert_conforms(schema, "/api/articles/", "post", 202, response.json())


def test_a_duplicate_answer_conforms_to_the_schema(schema, api):
    services.article_create(body="Said twice.")
    response = api.post("/api/articles/", {"body": "Said twice."}, format="json")
    assert response.status_code == 409
    assert_conforms(schema, "/api/articles/", "post", 409, response.json())


def test_the_article_list_conforms_to_the_schema(schema, api, monkeypatch):
    ArticleFactory()
    ArticleFactory(process=False)
    response = api.get("/api/articles/", {"page_size": 1})
    assert response.status_code == 200
    assert response.json()["next"]
    assert_conforms(schema, "/api/articles/", "get", 200, response.json())


def test_an_article_conforms_to_the_schema_in_every_state(schema, api):
    for article in (ArticleFactory(), ArticleFactory(process=False)):
        response = api.get(f"/api/articles/{article.pk}/")
        assert response.status_code == 200
        assert_conforms(schema, "/api/articles/{id}/", "get", 200, response.json())


def test_sentences_conform_to_the_schema_scored_and_unscored(schema, api):
    scored = ArticleFactory(body=article_text(1, sentences=4))
    unscored = ArticleFactory(body=article_text(2, sentences=4), process=False)
    services.article_split(article_id=unscored.pk)
    for article in (scored, unscored):
        response = api.get(f"/api/articles/{article.pk}/sentences/")
        assert response.status_code == 200
        assert len(response.json()["results"]) == 4
        assert_conforms(
            schema, "/api/articles/{article_pk}/sentences/", "get", 200, response.json()
        )
    assert response.json()["results"][0]["score"] is None


def test_the_claim_list_conforms_to_the_schema(schema, api):
    article = ArticleFactory(body=article_text(3, sentences=4))
    assert article.claim_count > 0
    response = api.get("/api/claims/")
    assert response.status_code == 200
    assert len(response.json()["results"]) == article.claim_count
    assert_conforms(schema, "/api/claims/", "get", 200, response.json())
