"""Sending one corpus case to the API and checking the answer: a 4xx in the API's error
shape that says what is wrong (and where), and not one row written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests.bad_input.world import World, assert_unchanged, db_state


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # a template filled by World.fill
    role: str = "annotator"
    if_match: str = ""  # a template, e.g. "{claim_etag}"


ENDPOINTS = {
    "article-create": Endpoint("post", "/api/articles/"),
    "claim-mark": Endpoint("post", "/api/claims/"),
    "claim-update": Endpoint("patch", "/api/claims/{claim}/", if_match="{claim_etag}"),
    "claim-assign": Endpoint(
        "post", "/api/claims/{claim}/assign/", "editor", if_match="{claim_etag}"
    ),
    "claim-unassign": Endpoint(
        "post", "/api/claims/{claim}/unassign/", "editor", if_match="{claim_etag}"
    ),
    "claim-dismiss": Endpoint(
        "post", "/api/claims/{claim}/dismiss/", "editor", if_match="{claim_etag}"
    ),
    "claim-adjudicate": Endpoint(
        "post", "/api/claims/{claim}/adjudicate/", "editor", if_match="{claim_etag}"
    ),
    "claim-publish": Endpoint(
        "post", "/api/claims/{claim}/publish/", "editor", if_match="{claim_etag}"
    ),
    "claim-unpublish": Endpoint(
        "post", "/api/claims/{claim}/unpublish/", "editor", if_match="{claim_etag}"
    ),
    "claim-restore": Endpoint(
        "post", "/api/claims/{claim}/restore/", "editor", if_match="{claim_etag}"
    ),
    "claim-accept": Endpoint("post", "/api/claims/{claim}/accept/", if_match="{claim_etag}"),
    "review-create": Endpoint("post", "/api/claims/{claim}/reviews/", "annotator2"),
    "review-update": Endpoint("patch", "/api/reviews/{review}/", if_match="{review_etag}"),
    "review-submit": Endpoint("post", "/api/reviews/{review}/submit/", if_match="{review_etag}"),
    "source-create": Endpoint("post", "/api/sources/"),
    "source-update": Endpoint("patch", "/api/sources/{source}/", if_match="{source_etag}"),
    "source-delete": Endpoint("delete", "/api/sources/{source}/", if_match="{source_etag}"),
    "webhook-create": Endpoint("post", "/api/webhooks/", "editor"),
    "prior-import": Endpoint("post", "/api/prior-fact-checks/import/", "editor"),
}


@dataclass(frozen=True)
class Case:
    endpoint: str
    name: str
    body: Any = None  # an object sent as JSON, or bytes sent as they are
    status: int = 400
    where: str | None = None  # a field the answer must name
    content_type: str = "application/json"
    if_match: str | None = None  # None: the endpoint's own; "": no header
    query: str = ""
    role: str | None = None  # None: the endpoint's own

    @property
    def id(self) -> str:
        return f"{self.endpoint}:{self.name}"


def resolve(world: World, body: Any) -> Any:
    """The body with "{name}" strings replaced by the world's values (ids, offsets, text)."""
    if isinstance(body, dict):
        return {key: resolve(world, value) for key, value in body.items()}
    if isinstance(body, list):
        return [resolve(world, value) for value in body]
    if isinstance(body, str) and body.startswith("{") and body.endswith("}"):
        return world.values().get(body[1:-1], body)
    return body


def encode(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    # ASCII with \u escapes: a lone surrogate or NUL arrives as the escape a client sends.
    return json.dumps(body).encode("ascii")


def send(world: World, case: Case) -> Any:
    endpoint = ENDPOINTS[case.endpoint]
    tag = endpoint.if_match if case.if_match is None else case.if_match
    headers = {"HTTP_IF_MATCH": world.fill(tag)} if tag else {}
    client = world.client(case.role or endpoint.role)
    path = world.fill(endpoint.path) + case.query
    call = getattr(client, endpoint.method)
    body = encode(resolve(world, case.body))
    return call(path, data=body, content_type=case.content_type, **headers)


def check_refused(world: World, case: Case) -> Any:
    """Send the case; assert the refusal, its message, and that nothing was written."""
    before = db_state()
    response = send(world, case)
    assert response.status_code == case.status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    data = response.json()
    assert isinstance(data["detail"], str) and data["detail"].strip(), data
    assert data["code"], data
    if case.where is not None:
        named = set(data.get("errors") or {}) | {data["detail"]}
        assert any(case.where in text for text in named), (case.where, data)
    assert_unchanged(before)
    return response
