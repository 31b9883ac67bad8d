"""The OpenAPI schema and the implementation agree, operation by operation.

Every list answers in its documented shape; every query parameter given empty, or a
value its schema refuses, answers 400 naming it; every path id outside the documented
range answers the JSON 404; If-Match is refused as its description says.  The tests
read the schema the running app serves, so an operation added later is checked too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft4Validator

from annotate import services as desk
from annotate.models import Verdict
from claimdesk.api.ids import MAX_ID
from publishing import services as publishing
from publishing.models import PriorFactCheck, WebhookEvent
from publishing.services import webhooks
from tests.factories import ArticleFactory, client_for, fresh, span_of, submit
from tests.schema import assert_conforms, nullable_to_json_schema

pytestmark = pytest.mark.django_db

ID_PARAMETERS = {"id", "article_pk", "claim_pk"}
PRIOR = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/1",
    "claimReviewed": "The moon is cheese.",
    "datePublished": "2024-01-02",
    "author": {"@type": "Organization", "name": "Checks"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
}


@pytest.fixture
def world(article, annotator, editor, settings) -> dict[str, Any]:
    """Something in every list: claims (one published, reviewed, with a source), an
    imported prior fact-check, a webhook endpoint with three deliveries."""
    start, end = span_of(article)
    claim = desk.claim_mark(article=article, start=start, end=end, by=annotator)
    desk.source_add(claim=claim, by=annotator, url="https://un.example/r", stance="refutes")
    verdict = Verdict.objects.get(name="False")
    review = submit(claim, annotator, verdict)
    claim = fresh(claim)
    desk.claim_decide(claim=claim, verdict=verdict, note="", by=editor, version=claim.version)
    desk.claim_publish(claim=fresh(claim), by=editor, version=fresh(claim).version)
    publishing.prior_fact_checks_import(text=json.dumps(PRIOR), by=editor, strict=True)
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
    endpoint = webhooks.webhook_register(by=editor, url="http://127.0.0.1:9/hook", events=[])
    for _ in range(3):
        webhooks.webhook_event_emit(event=WebhookEvent.PUBLISHED, claim_id=claim.pk)
    return {
        "id": {
            "/api/articles/": article.pk,
            "/api/claims/": claim.pk,
            "/api/reviews/": review.pk,
            "/api/sources/": claim.reviews.get().sources.get().pk,
            "/api/verdicts/": verdict.pk,
            "/api/webhooks/": endpoint.pk,
            "/api/prior-fact-checks/": PriorFactCheck.objects.get().pk,
        },
        "article_pk": article.pk,
        "claim_pk": claim.pk,
    }


def _concrete(path: str, world: dict[str, Any], value: Any = None) -> str:
    """The path with its ids filled in from the world (or all set to ``value``)."""
    for name in ID_PARAMETERS:
        if "{" + name + "}" in path:
            if value is None:
                value_here = world["id"][path.split("{")[0]] if name == "id" else world[name]
            else:
                value_here = value
            path = path.replace("{" + name + "}", str(value_here))
    return path


def _json_gets(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (path, item["get"])
        for path, item in schema["paths"].items()
        if "get" in item and "application/json" in item["get"]["responses"]["200"]["content"]
    ]


def _query_parameters(operation: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in operation.get("parameters", []) if p["in"] == "query"]


# --- responses ----------------------------------------------------------------------------------


def test_every_json_answer_of_every_read_is_as_documented(schema, world, staff):
    client = client_for(staff)
    reads = _json_gets(schema)
    assert len(reads) >= 15
    for path, _ in reads:
        response = client.get(
            _concrete(path, world), {"page_size": 2} if "{id}" not in path else {}
        )
        assert response.status_code == 200, (path, response.content[:300])
        body = response.json()
        items = body.get("results", body) if isinstance(body, dict) else body
        assert items, f"{path} answered nothing to check"
        assert_conforms(schema, path, "get", 200, body)


def test_webhook_deliveries_come_in_pages_like_every_list(schema, world, editor):
    client = client_for(editor)
    url = f"/api/webhooks/{world['id']['/api/webhooks/']}/deliveries/"
    first = client.get(url, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    ids = [d["id"] for d in first["results"] + second["results"]]
    assert len(set(ids)) == 3
    documented = schema["paths"]["/api/webhooks/{id}/deliveries/"]["get"]["responses"]["200"]
    assert documented["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PaginatedDeliveryList"
    )
    assert_conforms(schema, "/api/webhooks/{id}/deliveries/", "get", 200, second)


# --- query parameters -------------------------------------------------------------------------


def _allows(parameter: dict[str, Any], value: str, schema: dict[str, Any]) -> bool:
    """Whether the parameter's schema takes ``value`` (a query string, read as its type)."""
    node = nullable_to_json_schema(parameter["schema"])
    typed: Any = value
    try:
        if node.get("type") in ("integer", "number"):
            typed = json.loads(value)
        elif node.get("type") == "boolean":
            typed = {"true": True, "false": False}[value]
    except (ValueError, KeyError):
        return False
    return Draft4Validator(node, format_checker=Draft4Validator.FORMAT_CHECKER).is_valid(typed)


WRONG = {
    "integer": ["1.5", "x", str(MAX_ID + 1), "-1", "1_0", "٣"],
    "number": ["x", "1,5"],
    "boolean": ["maybe", "yes"],
    "string": ["", "not-a-choice", "2024-13-45T99:00:00Z", "a\x00b"],
}


def test_a_query_value_the_schema_refuses_is_answered_400_naming_it(schema, world, staff):
    client = client_for(staff)
    checked = 0
    for path, operation in [*_json_gets(schema), *_exports(schema)]:
        for parameter in _query_parameters(operation):
            for value in WRONG[parameter["schema"].get("type", "string")]:
                if _allows(parameter, value, schema):
                    continue
                response = client.get(_concrete(path, world), {parameter["name"]: value})
                where = (path, parameter["name"], value)
                assert response.status_code == 400, (*where, response.status_code)
                assert parameter["name"] in response.json()["errors"], where
                checked += 1
    assert checked > 100


def test_an_empty_query_parameter_is_documented_as_refused_and_refused(schema, world, staff):
    client = client_for(staff)
    for path, operation in [*_json_gets(schema), *_exports(schema)]:
        for parameter in _query_parameters(operation):
            assert not _allows(parameter, "", schema), (path, parameter)
            response = client.get(_concrete(path, world), {parameter["name"]: ""})
            assert response.status_code == 400, (path, parameter["name"], response.status_code)


def _exports(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(p, i["get"]) for p, i in schema["paths"].items() if p.startswith("/api/export/")]


# --- path ids -------------------------------------------------------------------------------------


def test_every_path_id_is_documented_with_the_bounds_the_database_has(schema):
    parameters = [
        parameter
        for item in schema["paths"].values()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
    ]
    assert {p["name"] for p in parameters} == ID_PARAMETERS
    for parameter in parameters:
        assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def test_a_path_id_outside_the_documented_range_answers_the_json_404(schema, world, staff):
    client = client_for(staff)
    for path, item in schema["paths"].items():
        if "{" not in path:
            continue
        real = _concrete(path, world)
        for method in item:
            call = getattr(client, method)
            for value in _not_ids(real, path, world):
                response = call(_concrete(path, world, value), {}, format="json")
                where = (method, path, value, response.status_code)
                assert response.status_code == 404, where
                assert response["Content-Type"] == "application/json", where
                assert response.json()["code"] == "not_found", where


def _not_ids(real: str, path: str, world: dict[str, Any]) -> list[str]:
    """Values the schema refuses, some of which int() would read as the real id."""
    name = next(n for n in ID_PARAMETERS if "{" + n + "}" in path)
    own = str(world["id"][path.split("{")[0]] if name == "id" else world[name])
    arabic = own.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    spaced = own[0] + "_" + own[1:] if len(own) > 1 else own + "_0"
    return ["0", "-1", "abc", str(MAX_ID + 1), arabic, spaced, f"{own}.0", f"%20{own}"]


def test_the_largest_documented_id_is_looked_up_not_overflowed(schema, staff):
    client = client_for(staff)
    for path, item in schema["paths"].items():
        if "{" in path and "get" in item:
            response = client.get(_concrete(path, {}, MAX_ID))
            assert response.status_code == 404, (path, response.status_code)


# --- If-Match -------------------------------------------------------------------------------------


def _patch(client: Any, claim_id: int, if_match: str | None) -> Any:
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.patch(
        f"/api/claims/{claim_id}/", {"claimant": "Someone"}, format="json", **headers
    )


def test_if_match_is_refused_as_its_description_says(schema, editor):
    article = ArticleFactory()
    claim = article.claims.first()
    client = client_for(editor)
    etag = client.get(f"/api/claims/{claim.pk}/")["ETag"]
    unquoted, stale = etag.strip('"'), etag.replace(f"-v{claim.version}", "-v999")
    for header, status in [
        (None, 428),
        ("*", 428),
        (unquoted, 400),
        ('"unterminated', 400),
        (f"{etag} {etag}", 400),
        (stale, 412),
        (f"W/{etag}", 412),
        (f'"claim-{claim.pk + 1}-v1"', 412),
    ]:
        response = _patch(client, claim.pk, header)
        assert response.status_code == status, (header, response.json())
        if status == 400:
            assert "If-Match" in response.json()["errors"], header
    assert _patch(client, claim.pk, f'"other-1-v1", {etag}').status_code == 200


def test_the_documented_if_match_pattern_takes_the_etag_and_refuses_the_rest(schema, editor):
    claim = ArticleFactory().claims.first()
    etag = client_for(editor).get(f"/api/claims/{claim.pk}/")["ETag"]
    [header] = [
        p
        for p in schema["paths"]["/api/claims/{id}/"]["patch"]["parameters"]
        if p["name"] == "If-Match"
    ]
    assert _allows(header, etag, schema) and _allows(header, f'"a", {etag}', schema)
    for malformed in (etag.strip('"'), '"unterminated', f"{etag} {etag}", "*"):
        assert not _allows(header, malformed, schema), malformed


def test_if_none_match_answers_the_documented_304_as_http_compares(schema, editor):
    claim = ArticleFactory().claims.first()
    client, url = client_for(editor), f"/api/claims/{claim.pk}/"
    etag = client.get(url)["ETag"]
    assert "304" in schema["paths"]["/api/claims/{id}/"]["get"]["responses"]
    for header, status in [
        (etag, 304),
        (f"W/{etag}", 304),
        (f'"claim-0-v1", {etag}', 304),
        ("*", 304),
        ('"claim-0-v1"', 200),
        (etag.strip('"'), 200),  # not an ETag: ignored, the full answer is never wrong
    ]:
        response = client.get(url, HTTP_IF_NONE_MATCH=header)
        assert response.status_code == status, header
        assert response["ETag"] == etag


def _request_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = body.get("schema", {}).get("$ref", "")
    return schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})


def test_a_body_field_the_schema_does_not_allow_is_answered_400_naming_it(
    schema, world, staff, annotator
):
    checked = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if _request_schema(schema, operation).get("additionalProperties") is not False:
                continue
            # A review and its sources are their reviewer's to change.
            mine = path.startswith(("/api/reviews/{", "/api/sources/{"))
            client = client_for(annotator if mine else staff)
            url = _concrete(path, world)
            detail = "/".join(url.split("/")[:4]) + "/" if "{" in path else None
            headers = {"HTTP_IF_MATCH": client.get(detail)["ETag"]} if detail else {}
            response = getattr(client, method)(url, {"zz_unknown": 1}, format="json", **headers)
            where = (method, path, response.status_code)
            assert response.status_code == 400, where
            assert "zz_unknown" in response.json()["errors"], where
            checked += 1
    assert checked >= 10
