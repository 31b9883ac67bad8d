"""The schema describes the desk and export resources fully: parameters, bodies, errors, headers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi(schema):
    from openapi_spec_validator import validate

    validate(schema)


def test_every_change_documents_if_match_412_and_428(schema):
    changes = [
        ("post", "/api/claims/{id}/" + name + "/")
        for name in (
            "accept",
            "assign",
            "unassign",
            "dismiss",
            "restore",
            "adjudicate",
            "publish",
            "unpublish",
        )
    ] + [
        ("patch", "/api/claims/{id}/"),
        ("patch", "/api/reviews/{id}/"),
        ("post", "/api/reviews/{id}/submit/"),
        ("patch", "/api/sources/{id}/"),
        ("delete", "/api/sources/{id}/"),
    ]
    for method, path in changes:
        operation = schema["paths"][path][method]
        headers = [p for p in operation["parameters"] if p["in"] == "header"]
        assert [(h["name"], h["required"]) for h in headers] == [("If-Match", True)], path
        assert {"400", "401", "403", "404", "412", "428"} <= set(operation["responses"]), path


def test_objects_document_their_etag_and_errors_their_shape(schema):
    ok = schema["paths"]["/api/claims/{id}/"]["get"]["responses"]["200"]
    assert "ETag" in ok["headers"]
    error = schema["paths"]["/api/claims/"]["get"]["responses"]["400"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert set(schema["components"]["schemas"]["Error"]["required"]) == {"detail", "code"}


def test_the_list_filters_are_documented(schema):
    names = {p["name"] for p in schema["paths"]["/api/claims/"]["get"]["parameters"]}
    assert {
        "article",
        "status",
        "verdict",
        "reviewer",
        "assignee",
        "min_score",
        "max_score",
        "created_after",
        "created_before",
        "q",
        "cursor",
        "page_size",
    } <= names
    export = {p["name"] for p in schema["paths"]["/api/export/csv/"]["get"]["parameters"]}
    assert {"verdict", "reviewer", "q", "published_after"} <= export


def test_each_export_documents_its_media_type(schema):
    types = {
        fmt: set(schema["paths"][f"/api/export/{fmt}/"]["get"]["responses"]["200"]["content"])
        for fmt in ("claimreview", "webannotation", "csv", "jsonl", "training")
    }
    assert types == {
        "claimreview": {"application/ld+json"},
        "webannotation": {"application/ld+json"},
        "csv": {"text/csv"},
        "jsonl": {"application/jsonl"},
        "training": {"text/tab-separated-values"},
    }
