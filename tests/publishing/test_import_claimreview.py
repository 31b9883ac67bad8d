"""Prior fact-checks from ClaimReview JSON-LD: the command and the API, good and bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from publishing.models import PriorFactCheck
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def review(n: int, **changes: Any) -> dict[str, Any]:
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factcheck.example/{n}",
        "claimReviewed": f"Claim number {n} 😀",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2024-03-01",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": "2",
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Minister"},
            "appearance": {"@type": "CreativeWork", "url": "https://news.example/x"},
        },
    }
    document.update(changes)
    return document


def test_one_object_a_list_and_jsonl_are_all_read(tmp_path, capsys):
    (tmp_path / "one.json").write_text(json.dumps(review(1)))
    (tmp_path / "list.json").write_text(json.dumps([review(2), review(3)]))
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(review(n)) for n in (4, 5)))
    call_command("import_claimreview", *(str(p) for p in sorted(tmp_path.iterdir())))
    assert PriorFactCheck.objects.count() == 5
    prior = PriorFactCheck.objects.get(url="https://factcheck.example/1")
    assert prior.claim_reviewed == "Claim number 1 😀"
    assert (prior.rating_name, prior.rating_value, prior.best_rating) == ("Mostly false", 2, 5)
    assert prior.claimant == "A. Minister" and prior.author == "Example Checks"
    assert prior.appearance_url == "https://news.example/x"
    assert str(prior.date_published) == "2024-03-01"
    assert "imported 2, skipped 0" in capsys.readouterr().out


def test_invalid_documents_are_skipped_and_reported_with_where(tmp_path, capsys):
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps(
            [
                review(1),
                review(2, reviewRating={"ratingValue": "high"}),
                review(3, **{"@type": "NewsArticle"}),
                review(4, url="ftp://x"),
                "a string",
                review(5, claimReviewed=None),
                review(6, datePublished="March"),
                review(1),
            ]
        )
    )
    call_command("import_claimreview", str(path))
    out = capsys.readouterr().out
    assert PriorFactCheck.objects.count() == 1
    assert "imported 1, skipped 7" in out
    for expected in (
        "[1].reviewRating.ratingValue: must be a number",
        "[2].@type: must be ClaimReview",
        "[3].url: 'ftp://x' is not an http",
        "[4]: must be a JSON object",
        "[5].claimReviewed: is required",
        "[6].datePublished: 'March' is not an ISO 8601 date",
        "[7]: already imported",
    ):
        assert expected in out, out


def test_strict_imports_nothing_when_one_is_invalid(tmp_path, capsys):
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps([review(1), review(2, url=7)]))
    with pytest.raises(CommandError):
        call_command("import_claimreview", "--strict", str(path))
    assert PriorFactCheck.objects.count() == 0
    assert "[1].url: must be a string, not int" in capsys.readouterr().err


def test_malformed_json_says_where(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('[{"@type": "ClaimReview",\n  "url": }]')
    with pytest.raises(CommandError):
        call_command("import_claimreview", str(path))
    assert "line 2 column 10: not valid JSON" in capsys.readouterr().err
    lines = tmp_path / "broken.jsonl"
    lines.write_text(json.dumps(review(1)) + "\n{oops\n")
    with pytest.raises(CommandError):
        call_command("import_claimreview", str(lines))
    assert "line 2 column 2" in capsys.readouterr().err
    assert PriorFactCheck.objects.count() == 0


def test_the_api_imports_for_editors_and_is_strict_by_default(editor, annotator):
    url = "/api/prior-fact-checks/import/"
    body = json.dumps([review(1), review(2, reviewRating=[1, 2])])
    assert client_for(annotator).post(url, body, content_type="application/json").status_code == 403
    editor_client = client_for(editor)
    strict = editor_client.post(url, body, content_type="application/json")
    assert strict.status_code == 400
    assert strict.json()["errors"] == {
        "[1].reviewRating": ["must be an object (a schema.org Rating)"]
    }
    assert PriorFactCheck.objects.count() == 0
    lenient = editor_client.post(url + "?skip_invalid=true", body, content_type="application/json")
    assert lenient.status_code == 201
    assert lenient.json() == {
        "imported": 1,
        "skipped": [
            {"where": "[1].reviewRating", "reason": "must be an object (a schema.org Rating)"}
        ],
    }
    jsonl = "\n".join(json.dumps(review(n)) for n in (1, 3))
    again = editor_client.post(url, jsonl, content_type="application/jsonl")
    assert again.json() == {
        "imported": 1,
        "skipped": [
            {"where": "line 1", "reason": "already imported (https://factcheck.example/1)"}
        ],
    }
    broken = editor_client.post(url, "{", content_type="application/json")
    assert broken.status_code == 400 and "line 1 column 2" in broken.json()["detail"]


def test_prior_fact_checks_are_searchable(editor, annotator, outsider):
    client_for(editor).post(
        "/api/prior-fact-checks/import/",
        json.dumps([review(1), review(2, claimReviewed="Wages rose 9%")]),
        content_type="application/json",
    )
    found = client_for(annotator).get("/api/prior-fact-checks/", {"q": "wages"}).json()
    assert [r["claim_reviewed"] for r in found["results"]] == ["Wages rose 9%"]
    assert client_for(outsider).get("/api/prior-fact-checks/").status_code == 403


NOT_TEXT = {
    "nul-in-a-read-field": {"claimReviewed": "a\x00b"},
    "surrogate-in-a-read-field": {"claimReviewed": "a\ud800b"},
    "nul-in-a-field-only-stored": {"reviewBody": "kept \x00 in the document"},
    "surrogate-in-a-key": {"x\udfff": "y"},
}


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_nul_or_a_surrogate_anywhere_in_a_document_is_refused_naming_where(editor, name):
    bad = json.dumps([review(1), review(2, **NOT_TEXT[name])])  # \u escapes, as clients send
    client = client_for(editor)
    strict = client.post("/api/prior-fact-checks/import/", bad, content_type="application/json")
    assert strict.status_code == 400, strict.content
    assert any(where.startswith("[1].") for where in strict.json()["errors"])
    assert PriorFactCheck.objects.count() == 0
    lenient = client.post(
        "/api/prior-fact-checks/import/?skip_invalid=true", bad, content_type="application/json"
    )
    assert lenient.status_code == 201, lenient.content
    assert lenient.json()["imported"] == 1
    assert lenient.json()["skipped"][0]["where"].startswith("[1].")
    assert list(PriorFactCheck.objects.values_list("url", flat=True)) == [review(1)["url"]]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels deep"),
        ('[{"n": ' + "9" * 5000 + "}]", "more than 4,300 digits"),
        (json.dumps(review(1)) + "\n" + '{"n": ' + "9" * 5000 + "}\n", "line 2"),
    ],
)
def test_the_command_reports_json_it_cannot_read_without_a_traceback(
    tmp_path, capsys, text, reason
):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_claimreview", str(path))
    assert reason in capsys.readouterr().err
    assert PriorFactCheck.objects.count() == 0
