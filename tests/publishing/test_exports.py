"""Exports: JSON-LD read back with a JSON-LD processor, selectors checked against the text
(non-BMP characters included), CSV round-tripped through the csv module, the command."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from annotate import services
from claims.models import Claim
from tests.factories import client_for, publish_reviewed, span_of
from tests.publishing.support import AS, OA, RDF_VALUE, SCHEMA, expand, export

pytestmark = pytest.mark.django_db


def test_claimreview_reads_back_as_schema_org_with_the_required_fields(emoji_claim, editor):
    response, text = export(client_for(editor), "claimreview")
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(text)
    assert len(document) == 1
    [review] = expand(document)
    assert review["@type"] == [SCHEMA + "ClaimReview"]
    assert review[SCHEMA + "claimReviewed"][0]["@value"] == emoji_claim.quote
    assert review[SCHEMA + "url"][0]["@value"].endswith(f"/fact-checks/{emoji_claim.pk}/")
    assert review[SCHEMA + "datePublished"][0]["@value"]
    [rating] = review[SCHEMA + "reviewRating"]
    assert rating["@type"] == [SCHEMA + "Rating"]
    assert rating[SCHEMA + "ratingValue"][0]["@value"] == 1
    assert rating[SCHEMA + "bestRating"][0]["@value"] == 5
    assert rating[SCHEMA + "worstRating"][0]["@value"] == 1
    assert rating[SCHEMA + "alternateName"][0]["@value"] == "False"
    [author] = review[SCHEMA + "author"]
    assert author["@type"] == [SCHEMA + "Organization"]
    [item] = review[SCHEMA + "itemReviewed"]
    assert item["@type"] == [SCHEMA + "Claim"]
    assert item[SCHEMA + "author"][0][SCHEMA + "name"][0]["@value"] == emoji_claim.claimant
    [appearance] = item[SCHEMA + "appearance"]
    assert appearance[SCHEMA + "url"][0]["@value"] == "https://news.example/a"


def test_claimreview_holds_published_claims_only_even_for_staff(emoji_claim, marked, staff):
    _, text = export(client_for(staff), "claimreview")
    assert [r["claimReviewed"] for r in json.loads(text)] == [emoji_claim.quote]


def test_an_unrated_verdict_is_given_by_name_only(article, annotator, editor):
    from annotate.models import Verdict

    unverifiable = Verdict.objects.get(name="Unverifiable")
    start, end = span_of(article)
    claim = services.claim_mark(article=article, start=start, end=end, by=annotator)
    publish_reviewed(claim, annotator, editor, unverifiable)
    _, text = export(client_for(editor), "claimreview")
    assert json.loads(text)[0]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
    }


def test_web_annotation_selectors_match_the_text_with_non_bmp_characters(
    emoji_claim, emoji_article, staff
):
    response, text = export(client_for(staff), "webannotation", article=emoji_article.pk)
    assert (
        response["Content-Type"]
        == 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    )
    annotations = json.loads(text)["first"]["items"]
    assert annotations
    body = emoji_article.body
    for note in annotations:
        quote, position = note["target"]["selector"]
        start, end = position["start"], position["end"]
        assert quote["exact"] == body[start:end]
        assert quote["prefix"] == body[max(0, start - 32) : start]
        assert quote["suffix"] == body[end : end + 32]
    mine = next(a for a in annotations if a["id"].endswith(f"/claims/{emoji_claim.pk}/"))
    assert "\U0001d54f" in mine["target"]["selector"][0]["prefix"]  # outside the BMP


def test_web_annotation_reads_back_as_an_annotation_collection(emoji_claim, staff):
    _, text = export(client_for(staff), "webannotation", status="published")
    [collection] = expand(json.loads(text))
    assert collection["@type"] == [AS + "OrderedCollection"]
    [page] = collection[AS + "first"]
    assert page["@type"] == [AS + "OrderedCollectionPage"]
    assert collection[AS + "totalItems"][0]["@value"] == 1
    assert collection[AS + "first"][0]["@id"] == page["@id"]
    assert page[AS + "partOf"][0]["@id"] == collection["@id"]
    [note] = page[AS + "items"][0]["@list"]
    assert note["@type"] == [OA + "Annotation"]
    purposes = {body[OA + "hasPurpose"][0]["@id"]: body for body in note[OA + "hasBody"]}
    assert set(purposes) == {OA + "assessing", OA + "commenting", OA + "linking"}
    assert purposes[OA + "assessing"][RDF_VALUE][0]["@value"] == "False"
    assert purposes[OA + "linking"][OA + "hasSource"][0]["@id"] == "https://un.example/report"
    [target] = note[OA + "hasTarget"]
    selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
    assert selectors[OA + "TextQuoteSelector"][OA + "exact"][0]["@value"] == emoji_claim.quote
    assert selectors[OA + "TextPositionSelector"][OA + "start"][0]["@value"] == emoji_claim.start


def test_web_annotation_holds_every_claim_in_one_page(article, staff):
    _, text = export(client_for(staff), "webannotation")
    collection = json.loads(text)
    page = collection["first"]
    assert collection["total"] == article.claim_count == len(page["items"]) > 1
    assert collection["last"] == page["id"] and page["partOf"] == collection["id"]
    assert "next" not in page and "@graph" not in collection
    expand(collection)


def test_an_empty_export_is_still_well_formed(staff, db):
    for fmt in ("claimreview", "webannotation", "jsonl", "csv", "training"):
        _, text = export(client_for(staff), fmt)
        if fmt in ("claimreview", "webannotation"):
            json.loads(text)


def test_csv_round_trips_and_neutralises_formulas(emoji_claim, editor):
    # Editors export every claim: the published one is asked for by status.
    response, text = export(client_for(editor), "csv", status="published")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    [row] = rows
    assert row["quote"] == emoji_claim.quote
    assert row["claimant"] == "'" + emoji_claim.claimant
    assert row["rationale"] == "'-The UN counts 14,000."
    assert row["verdict"] == "False" and row["rating_value"] == "1"
    assert row["reviewers"] == "ann" and row["source_urls"] == "https://un.example/report"
    assert int(row["start"]) == emoji_claim.start


def test_csv_cells_starting_with_any_formula_character_are_prefixed():
    from publishing.exports.formats import safe_cell

    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("1-1") == "1-1" and safe_cell(-1) == -1


def test_jsonl_has_one_claim_per_line_with_reviews_and_sources(emoji_claim, editor):
    _, text = export(client_for(editor), "jsonl", status="published")
    [record] = [json.loads(line) for line in text.splitlines()]
    assert record["quote"] == emoji_claim.quote
    assert record["verdict"] == {"name": "False", "rating_value": 1}
    assert record["reviews"][0]["reviewer"] == "ann"
    assert record["sources"][0] == {
        "url": "https://un.example/report",
        "title": "+Report",
        "publisher": "",
        "excerpt": "",
        "stance": "refutes",
        "accessed_at": record["sources"][0]["accessed_at"],
    }


def test_non_staff_export_published_claims_only_and_staff_everything(
    emoji_claim, article, annotator, staff
):
    def count(client: Any) -> int:
        return len(export(client, "jsonl")[1].splitlines())

    assert count(client_for(annotator)) == 1
    assert count(client_for(staff)) == Claim.objects.count() > 2


def test_training_data_is_checkthat_tsv_for_staff_only(
    emoji_claim, emoji_article, staff, annotator
):
    assert client_for(annotator).get("/api/export/training/").status_code == 403
    assert client_for(None).get("/api/export/training/").status_code == 401
    _, text = export(client_for(staff), "training", article=emoji_article.pk)
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert list(rows[0])[:3] == ["Sentence_id", "Text", "class_label"]
    claimed = [r for r in rows if r["decision"] == "claim"]
    assert claimed and all(r["class_label"] == "Yes" for r in claimed)
    assert all(r["class_label"] == "No" for r in rows if r["decision"] != "claim")
    assert all(r["detector_version"] for r in rows)


def test_exports_are_filtered_like_the_list_and_refuse_bad_filters(emoji_claim, staff):
    client = client_for(staff)
    _, text = export(client, "jsonl", verdict=999)
    assert text == ""
    bad = client.get("/api/export/csv/", {"published_after": "soon"})
    assert bad.status_code == 400 and "published_after" in bad.json()["errors"]
    assert client_for(None).get("/api/export/csv/").status_code == 401


def test_the_export_command_writes_each_format(emoji_claim, tmp_path):
    for fmt in ("claimreview", "webannotation", "csv", "jsonl", "training"):
        path = tmp_path / f"out.{fmt}"
        call_command(
            "export",
            "--format",
            fmt,
            "--output",
            str(path),
            "--no-progress",
            "--site",
            "https://desk.example",
        )
        text = path.read_text(encoding="utf-8")
        assert text
        if fmt == "claimreview":
            assert (
                json.loads(text)[0]["url"] == f"https://desk.example/fact-checks/{emoji_claim.pk}/"
            )


def test_the_export_command_filters_and_reports_bad_filters(emoji_claim, article, tmp_path):
    path = tmp_path / "out.jsonl"
    call_command(
        "export",
        "--format",
        "jsonl",
        "--output",
        str(path),
        "--no-progress",
        "--include-unpublished",
        "--article",
        str(article.pk),
    )
    assert len(path.read_text().splitlines()) == article.claim_count
    with pytest.raises(CommandError, match="--min-score"):
        call_command("export", "--format", "csv", "--output", str(path), "--min-score", "x")
