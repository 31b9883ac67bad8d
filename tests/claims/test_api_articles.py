"""``/api/articles/``: creating with token or session auth, errors, roles, query counts."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from claims import services
from claims.models import Article, ArticleStatus
from tests.factories import ArticleFactory, api_token_for, article_text, count_queries

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"


def client_for(user=None, *, token: bool = False) -> APIClient:
    client = APIClient()
    if user is not None and token:
        key = api_token_for(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    elif user is not None:
        client.force_login(user)
    return client


def post_json(client: APIClient, payload, path: str = LIST):
    raw = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(path, raw, content_type="application/json")


# --- creating ----------------------------------------------------------------------------------


def test_it_creates_an_article_with_token_auth_and_answers_201_with_its_links(
    annotator, django_capture_on_commit_callbacks
):
    client = client_for(annotator, token=True)
    with django_capture_on_commit_callbacks() as callbacks:
        response = post_json(
            client,
            {
                "body": "Prices rose by 7% in 2023.",
                "title": "Prices",
                "url": "https://example.org/a",
            },
        )
    assert response.status_code == 201
    data = response.json()
    article = Article.objects.get()
    assert data["id"] == article.pk
    assert data["status"] == "queued"
    assert data["api_url"] == f"http://testserver/api/articles/{article.pk}/"
    assert data["html_url"] == f"http://testserver/articles/{article.pk}/"
    assert response["Location"] == data["api_url"]
    assert article.created_by == annotator
    assert article.url == "https://example.org/a"
    assert len(callbacks) == 1


def test_it_creates_an_article_with_session_auth(editor):
    response = post_json(client_for(editor), {"body": "Session-authenticated text."})
    assert response.status_code == 201
    assert response.json()["status"] == "queued"
    assert Article.objects.get().created_by == editor


def test_session_auth_without_a_csrf_token_is_refused(editor):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post_json(client, {"body": "No CSRF token."})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_a_created_article_is_processed_once_the_transaction_commits(
    annotator, django_capture_on_commit_callbacks
):
    client = client_for(annotator, token=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, {"body": article_text(3, sentences=4)})
    detail = client.get(response["Location"]).json()
    assert detail["status"] == "ready"
    assert detail["sentence_count"] == 4
    assert detail["scored_count"] == 4


def test_it_reduces_posted_html_to_text(annotator):
    html = (
        "<html><head><script>alert('x')</script></head><body><nav>Menu Home</nav>"
        "<article><p>More than 13,000 people fled the valley on Tuesday, officials said in "
        "a statement.</p></article></body></html>"
    )
    response = post_json(client_for(annotator, token=True), {"body": html, "format": "html"})
    assert response.status_code == 201
    body = Article.objects.get().body
    assert "More than 13,000 people fled" in body
    assert "<" not in body and "alert" not in body


def test_it_reduces_posted_markdown_to_text(annotator):
    response = post_json(
        client_for(annotator, token=True),
        {"body": "# Title here\n\nPrices rose **7%**.", "format": "markdown"},
    )
    assert response.status_code == 201
    article = Article.objects.get()
    assert article.title == "Title here"
    assert "Prices rose 7%." in article.body


def test_it_answers_a_duplicate_with_409_and_the_existing_article(annotator, annotator2):
    first = services.article_create(body="Line one.\nLine two.", title="First")
    response = post_json(client_for(annotator2, token=True), {"body": "Line one.\r\nLine two."})
    assert response.status_code == 409
    data = response.json()
    assert data["id"] == first.pk
    assert data["code"] == "duplicate"
    assert f"article {first.pk}" in data["detail"]
    assert data["api_url"].endswith(f"/api/articles/{first.pk}/")
    assert Article.objects.count() == 1


# --- refused input: a clear 4xx, never a 500, nothing saved ------------------------------------


@pytest.mark.parametrize(
    ("payload", "status", "where"),
    [
        ({"body": ""}, 400, "body"),
        ({"body": "   \n\t "}, 400, "body"),
        ({}, 400, "body"),
        ({"title": "no body"}, 400, "body"),
        ({"body": None}, 400, "body"),
        ({"body": ["a", "list"]}, 400, "body"),
        ({"body": {"an": "object"}}, 400, "body"),
        ({"body": 12345}, 400, "body"),
        ({"body": True}, 400, "body"),
        ({"body": "Fine.", "title": ["x"]}, 400, "title"),
        ({"body": "Fine.", "title": 7}, 400, "title"),
        ({"body": "Fine.", "language": 7}, 400, "language"),
        ({"body": "Fine.", "format": "pdf"}, 400, "format"),
        ({"body": "Fine.", "surprise": 1}, 400, "surprise"),
        ({"body": "Fine.", "id": 99, "status": "ready"}, 400, "id"),
        ({"body": "Fine.", "url": "not a url"}, 400, "url"),
        ({"body": "Fine.", "url": "javascript:alert(1)"}, 400, "url"),
        ({"body": "Fine.", "url": "ftp://example.org/file"}, 400, "url"),
        ({"body": "Fine.", "published_at": "yesterday"}, 400, "published_at"),
        ({"body": "Fine.", "published_at": "2024-13-45T99:00:00Z"}, 400, "published_at"),
        ({"body": "Fine.", "published_at": 1700000000}, 400, "published_at"),
        ({"body": "Fine.", "title": "t" * 301}, 400, "title"),
        ({"body": "\x00\x01"}, 400, "body"),
    ],
)
def test_it_refuses_bad_input_with_a_detail_naming_the_field(annotator, payload, status, where):
    response = post_json(client_for(annotator, token=True), payload)
    assert response.status_code == status, response.content
    data = response.json()
    assert where in data["detail"] or where in data.get("errors", {}), data
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "raw",
    [
        '{"body": "unterminated',
        "{'body': 'single quotes'}",
        "",
        "null",
        "[1, 2]",
        '"a string"',
        "42",
        b"\xff\xfe{}",
    ],
)
def test_it_refuses_malformed_json_with_400_and_a_detail(annotator, raw):
    response = post_json(client_for(annotator, token=True), raw)
    assert response.status_code == 400, response.content
    assert response.json()["detail"]
    assert Article.objects.count() == 0


def test_it_refuses_a_body_over_the_limit_with_413(annotator, settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 50
    response = post_json(client_for(annotator, token=True), {"body": "x" * 51})
    assert response.status_code == 413
    data = response.json()
    assert data["code"] == "too_large"
    assert "51 bytes" in data["detail"] and "50 bytes" in data["detail"]
    assert Article.objects.count() == 0


def test_it_refuses_a_body_far_over_the_limit_before_extracting_it(annotator, settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 50
    response = post_json(client_for(annotator, token=True), {"body": "x" * 500})
    assert response.status_code in (400, 413)
    assert "body" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_it_refuses_a_request_larger_than_the_upload_limit_with_413(annotator, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_json(client_for(annotator, token=True), {"body": "y" * 5000})
    assert response.status_code == 413
    assert response.json()["detail"]
    assert Article.objects.count() == 0


def test_it_refuses_an_unsupported_content_type_with_415(annotator):
    response = client_for(annotator, token=True).post(LIST, "body=plain", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["detail"]


def test_it_answers_an_unknown_article_with_404(annotator):
    response = client_for(annotator, token=True).get("/api/articles/999999/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_bad_token_is_refused_and_named(annotator):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = client.get(LIST)
    # 403, not 401: SessionAuthentication comes first and sends no WWW-Authenticate.
    assert response.status_code in (401, 403)
    assert "token" in response.json()["detail"].lower()


# --- access levels ----------------------------------------------------------------------------


def test_anonymous_gets_nothing_and_can_create_nothing():
    article = ArticleFactory(process=False)
    client = APIClient()
    for response in (
        client.get(LIST),
        client.get(f"{LIST}{article.pk}/"),
        client.get(f"{LIST}{article.pk}/sentences/"),
        post_json(client, {"body": "Anonymous text."}),
    ):
        assert response.status_code in (401, 403)
        assert "credentials" in response.json()["detail"]
    assert Article.objects.count() == 1


def test_an_outsider_in_no_group_gets_403_everywhere(outsider):
    article = ArticleFactory(process=False)
    client = client_for(outsider, token=True)
    for response in (
        client.get(LIST),
        client.get(f"{LIST}{article.pk}/"),
        client.get(f"{LIST}{article.pk}/sentences/"),
        post_json(client, {"body": "Outsider text."}),
    ):
        assert response.status_code == 403
        assert response.json()["detail"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize("role", ["annotator", "editor", "staff"])
def test_every_role_can_list_read_and_create(role, request):
    user = request.getfixturevalue(role)
    existing = ArticleFactory()
    client = client_for(user, token=True)
    listed = client.get(LIST)
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()["results"]] == [existing.pk]
    assert client.get(f"{LIST}{existing.pk}/").status_code == 200
    sentences = client.get(f"{LIST}{existing.pk}/sentences/")
    assert sentences.status_code == 200
    assert len(sentences.json()["results"]) == existing.sentence_count
    created = post_json(client, {"body": f"Written by the {role}."})
    assert created.status_code == 201


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_articles_cannot_be_changed_or_deleted_through_the_api(staff, method):
    article = ArticleFactory(process=False)
    response = getattr(client_for(staff, token=True), method)(
        f"{LIST}{article.pk}/", {"title": "changed"}, format="json"
    )
    assert response.status_code == 405
    article.refresh_from_db()
    assert article.title != "changed"


# --- reading -----------------------------------------------------------------------------------


def test_the_detail_carries_the_body_and_hash_and_the_list_does_not(annotator):
    article = ArticleFactory()
    client = client_for(annotator, token=True)
    detail = client.get(f"{LIST}{article.pk}/").json()
    assert detail["body"] == article.body
    assert detail["content_sha256"] == article.content_sha256
    listed = client.get(LIST).json()["results"][0]
    assert "body" not in listed and "content_sha256" not in listed


def test_sentences_come_in_order_with_offsets_into_the_body(annotator):
    article = ArticleFactory(body=article_text(5, sentences=6))
    data = client_for(annotator, token=True).get(f"{LIST}{article.pk}/sentences/").json()
    rows = data["results"]
    assert [r["index"] for r in rows] == list(range(6))
    assert all(article.body[r["start"] : r["end"]] == r["text"] for r in rows)
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)


def test_the_list_filters_by_status(annotator, monkeypatch):
    ready = ArticleFactory()
    queued = ArticleFactory(process=False)
    client = client_for(annotator, token=True)
    assert [a["id"] for a in client.get(LIST, {"status": "ready"}).json()["results"]] == [ready.pk]
    assert [a["id"] for a in client.get(LIST, {"status": "queued"}).json()["results"]] == [
        queued.pk
    ]


def test_a_failed_article_shows_its_reason_in_the_api(annotator, monkeypatch):
    class BrokenDetector:
        version = "broken-1"

        def detect(self, texts):
            raise ValueError("the model file is corrupt")

    monkeypatch.setattr("claims.services.pipeline.get_detector", lambda: BrokenDetector())
    article = ArticleFactory()
    data = client_for(annotator, token=True).get(f"{LIST}{article.pk}/").json()
    assert data["status"] == ArticleStatus.FAILED
    assert "the model file is corrupt" in data["error"]
    listed = client_for(annotator).get(LIST).json()["results"][0]
    assert "the model file is corrupt" in listed["error"]


def test_the_list_is_paginated_by_cursor_without_counting_the_table(annotator):
    for _ in range(3):
        ArticleFactory(process=False)
    client = client_for(annotator, token=True)
    first = client.get(LIST, {"page_size": 2}).json()
    assert "count" not in first
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    ids = [a["id"] for a in first["results"] + second["results"]]
    assert len(set(ids)) == 3


# --- query counts -----------------------------------------------------------------------------


def test_the_list_costs_the_same_queries_for_2_and_20_articles(
    annotator, django_assert_max_num_queries
):
    client = client_for(annotator, token=True)
    for _ in range(2):
        ArticleFactory()
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert len(response.json()["results"]) == 2
    few = count_queries(client, LIST)
    for _ in range(18):
        ArticleFactory()
    assert len(client.get(LIST).json()["results"]) == 20
    assert count_queries(client, LIST) == few


def test_the_sentences_endpoint_costs_the_same_for_10_and_200_sentences(
    annotator, django_assert_max_num_queries
):
    small = ArticleFactory(body=article_text(1, sentences=10))
    large = ArticleFactory(body=article_text(2, sentences=200))
    client = client_for(annotator, token=True)
    with django_assert_max_num_queries(6):
        response = client.get(f"{LIST}{small.pk}/sentences/")
    assert len(response.json()["results"]) == 10
    few = count_queries(client, f"{LIST}{small.pk}/sentences/")
    many = count_queries(client, f"{LIST}{large.pk}/sentences/")
    assert few == many
    assert len(client.get(f"{LIST}{large.pk}/sentences/").json()["results"]) == 200
