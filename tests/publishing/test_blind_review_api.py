"""Blind review and roles in the exports.

A reviewer assigned to a claim who has not submitted their review must learn neither
the others' verdicts nor the final verdict by an export, and an export carries no more
than its reader's role may read (the claims API's reads:
tests/annotate/test_blind_review_api.py)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from annotate import services
from annotate.models import Verdict
from claims.models import Claim
from tests.factories import SECRET_RATIONALE, client_for, decide, fresh, publish, span_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_review(article, annotator, editor, verdict_false) -> Claim:
    """Published; reviewed by ann alone (rationale SECRET_RATIONALE, high confidence), with
    the editor's note."""
    start, end = span_of(article, "tens of thousands of soldiers")
    claim = services.claim_mark(article=article, start=start, end=end, by=annotator)
    services.source_add(claim=claim, by=annotator, url="https://un.example/report")
    review = claim.reviews.get()
    services.review_submit(
        claim=fresh(claim),
        by=annotator,
        version=review.version,
        verdict=verdict_false,
        rationale=SECRET_RATIONALE,
        confidence="high",
    )
    return publish(decide(claim, editor, verdict_false, note="What the verdict rests on."), editor)


def _export(user: Any, fmt: str, **query: Any) -> tuple[Any, str]:
    response = client_for(user).get(f"/api/export/{fmt}/", query)
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content).decode()


def _jsonl(user: Any, **query: Any) -> dict[int, dict[str, Any]]:
    _, text = _export(user, "jsonl", **query)
    return {record["id"]: record for record in map(json.loads, text.splitlines())}


def _csv(user: Any, **query: Any) -> dict[int, dict[str, str]]:
    _, text = _export(user, "csv", **query)
    return {int(row["id"]): row for row in csv.DictReader(io.StringIO(text))}


def test_an_account_without_a_role_exports_published_fact_checks_without_reviewers(
    published_review, outsider, article
):
    records = _jsonl(outsider)
    assert list(records) == [published_review.pk]
    record = records[published_review.pk]
    assert record["verdict"]["name"] == "False"
    assert record["rationale"] == "What the verdict rests on."
    assert record["reviews"] == []
    assert record["sources"][0]["url"] == "https://un.example/report"
    row = _csv(outsider)[published_review.pk]
    assert row["reviewers"] == row["review_verdicts"] == ""
    for fmt in ("csv", "jsonl", "webannotation", "claimreview"):
        _, text = _export(outsider, fmt)
        assert SECRET_RATIONALE not in text and '"ann"' not in text and ",ann," not in text, fmt


def test_an_annotator_exports_the_reviews_the_desk_shows_them_and_no_more(
    published_review, annotator, annotator2
):
    # ann2 never reviewed the claim: the desk shows them no review of it.
    other = _jsonl(annotator2)[published_review.pk]
    assert other["reviews"] == [] and other["verdict"]["name"] == "False"
    assert other["rationale"] == "What the verdict rests on."
    _, text = _export(annotator2, "webannotation")
    assert SECRET_RATIONALE not in text
    # ann submitted the review: it is theirs to export.
    own = _jsonl(annotator)[published_review.pk]
    assert [r["rationale"] for r in own["reviews"]] == [SECRET_RATIONALE]
    assert own["reviews"][0]["confidence"] == "high"


def test_a_blind_reviewer_exports_nothing_of_the_decision_or_the_reviews(
    blind_claim, annotator2, editor, misleading
):
    claim = publish(blind_claim, editor)
    record = _jsonl(annotator2)[claim.pk]
    assert record["verdict"] is None and record["reviews"] == [] and record["sources"] == []
    assert record["rationale"] == "" and record["correction_note"] == ""
    row = _csv(annotator2)[claim.pk]
    assert row["verdict"] == row["rating_value"] == row["reviewers"] == ""
    for fmt in ("csv", "jsonl", "webannotation", "claimreview"):
        _, text = _export(annotator2, fmt)
        assert misleading.name not in text and SECRET_RATIONALE not in text, fmt
    for verdict in Verdict.objects.all():
        assert claim.pk not in _jsonl(annotator2, verdict=verdict.pk), verdict
    assert _jsonl(editor, verdict=misleading.pk)[claim.pk]["verdict"]["name"] == misleading.name


def test_editors_and_staff_export_every_claim_and_every_review(
    published_review, marked, editor, staff
):
    for user in (editor, staff):
        records = _jsonl(user)
        assert set(records) == set(Claim.objects.values_list("pk", flat=True)), user
        assert [r["reviewer"] for r in records[published_review.pk]["reviews"]] == ["ann"]
        assert client_for(user).get("/api/export/training/").status_code == 200


def test_exports_are_never_kept_by_a_shared_cache(published_review, outsider, annotator, editor):
    for user, stored in ((outsider, True), (annotator, False), (editor, False)):
        for fmt in ("csv", "jsonl", "claimreview", "webannotation"):
            response, _ = _export(user, fmt)
            directives = {d.strip() for d in response["Cache-Control"].split(",")}
            assert "private" in directives, (user, fmt)
            assert ("no-store" not in directives) is stored, (user, fmt)
            assert {"Authorization", "Cookie"} <= {
                v.strip() for v in response["Vary"].split(",")
            }, (user, fmt)
