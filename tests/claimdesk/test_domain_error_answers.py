"""The domain errors the API answers with more than detail, code and field, pinned.

They all go through the one mapping (``claimdesk.api.errors.domain_error_response``)
and the errors' own hooks; these answers are public contracts, so a change there must
not move a byte of the body (its keys in order), the status or the headers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.urls import reverse

from annotate.models import Review
from claimdesk.errors import Forbidden
from claims import services
from claims.models import Article, ClaimStatus
from publishing.models import PriorFactCheck, WebhookEndpoint
from publishing.services import webhooks
from publishing.services.webhook_targets import WebhookRefused
from tests.factories import client_for, fresh, span_of

pytestmark = pytest.mark.django_db

PINNED_HEADERS = ("Content-Type", "Location", "ETag", "Allow", "WWW-Authenticate")


def answer(response: HttpResponse) -> tuple[int, str, dict[str, str]]:
    """Status, the body as sent and the headers a client may read, for exact comparison."""
    headers = {name: value for name, value in response.headers.items() if name in PINNED_HEADERS}
    return response.status_code, response.content.decode(), headers


def compact(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def test_a_duplicate_article_is_409_with_the_existing_articles_id_and_address(annotator):
    first = services.article_create(body="Line one.\nLine two.", title="First")
    response = client_for(annotator).post(
        "/api/articles/",
        json.dumps({"body": "Line one.\r\nLine two."}),
        content_type="application/json",
    )
    detail = (
        f"This text was already imported as article {first.pk} "
        f"(“First”, {first.created_at:%Y-%m-%d %H:%M})."
    )
    assert answer(response) == (
        409,
        compact(
            {
                "detail": detail,
                "code": "duplicate",
                "id": first.pk,
                "api_url": f"http://testserver/api/articles/{first.pk}/",
            }
        ),
        {"Content-Type": "application/json", "Allow": "GET, POST, HEAD, OPTIONS"},
    )
    assert Article.objects.count() == 1


IMPORT = "/api/prior-fact-checks/import/"
IMPORT_HEADERS = {"Content-Type": "application/json", "Allow": "POST, OPTIONS"}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("  ", "document", "it is empty"),
        (
            "{",
            "line 1 column 2",
            "not valid JSON (Expecting property name enclosed in double quotes)",
        ),
    ],
)
def test_unreadable_claimreview_input_is_400_naming_where(editor, text, where, message):
    response = client_for(editor).post(IMPORT, text, content_type="application/json")
    assert answer(response) == (
        400,
        compact({"detail": f"{where}: {message}", "code": "invalid", "errors": {where: [message]}}),
        IMPORT_HEADERS,
    )


def test_a_strict_import_of_invalid_documents_is_400_with_every_problem(editor):
    documents = [
        {"@type": "ClaimReview", "url": 3},
        {"@type": "ClaimReview", "reviewRating": [1]},
    ]
    response = client_for(editor).post(
        IMPORT, json.dumps(documents), content_type="application/json"
    )
    assert answer(response) == (
        400,
        compact(
            {
                "detail": "2 invalid ClaimReview document(s); nothing imported. "
                "First: [0].url: must be a string, not int.",
                "code": "invalid",
                "errors": {
                    "[0].url": ["must be a string, not int"],
                    "[1].reviewRating": ["must be an object (a schema.org Rating)"],
                },
            }
        ),
        IMPORT_HEADERS,
    )
    assert PriorFactCheck.objects.count() == 0


def test_starting_a_second_review_of_a_claim_is_409_pointing_at_the_first(article, annotator):
    client = client_for(annotator)
    start, end = span_of(article)
    claim = client.post(
        "/api/claims/", {"article": article.pk, "start": start, "end": end}, format="json"
    ).json()
    url = f"/api/claims/{claim['id']}/reviews/"
    assert client.post(url, {}, format="json").status_code == 201
    review = Review.objects.get()
    response = client.post(url, {"rationale": "Again."}, format="json")
    location = reverse("annotate-api:review-detail", args=[review.pk])
    assert answer(response) == (
        409,
        compact(
            {
                "detail": f"You have a review of this claim already; change it with "
                f"PATCH {location}.",
                "code": "exists",
            }
        ),
        {
            "Content-Type": "application/json",
            "Location": location,
            "Allow": "GET, POST, HEAD, OPTIONS",
        },
    )
    assert Review.objects.get().rationale == ""


def test_a_refused_webhook_address_is_400_about_the_url(editor):
    response = client_for(editor).post(
        "/api/webhooks/", {"url": "http://127.0.0.1:9/"}, format="json"
    )
    message = "A webhook must be an https:// address."
    assert answer(response) == (
        400,
        compact({"detail": message, "code": "not_https", "errors": {"url": [message]}}),
        {"Content-Type": "application/json", "Allow": "GET, POST, HEAD, OPTIONS"},
    )
    assert not WebhookEndpoint.objects.exists()


def test_webhook_refusals_are_publishings_own_errors(editor, annotator):
    with pytest.raises(Forbidden) as forbidden:
        webhooks.webhook_register(url="https://example.org/", events=[], by=annotator)
    assert (forbidden.value.status, forbidden.value.code) == (403, "forbidden")
    assert forbidden.value.api_errors() is None
    with pytest.raises(WebhookRefused) as refused:
        webhooks.webhook_register(url="https://example.org/", events=["nope"], by=editor)
    assert (refused.value.status, refused.value.code, refused.value.field) == (
        400,
        "invalid",
        "events",
    )
    assert not WebhookEndpoint.objects.exists()


def test_a_bulk_action_the_role_does_not_allow_is_a_403_page_saying_why(client, marked, annotator):
    client.force_login(annotator)
    response = client.post(
        reverse("annotate:bulk"),
        {"action": "dismiss", "claims": [marked.pk], "reason": "Duplicate"},
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "Only editors can dismiss claims." in response.content.decode()
    assert fresh(marked).status != ClaimStatus.DISMISSED
