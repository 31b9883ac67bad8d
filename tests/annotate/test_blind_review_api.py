"""Blind review and roles in the claims API's reads: the list, a claim and the verdict filter.

A reviewer assigned to a claim who has not submitted their review must learn neither
the others' verdicts nor the final verdict, by the body or a filter (the exports:
tests/publishing/test_blind_review_api.py; the desk's pages: test_blind_review_channels.py)."""

from __future__ import annotations

from typing import Any

import pytest

from annotate.models import Assignment, Verdict
from tests.factories import client_for

pytestmark = pytest.mark.django_db


def _ids(client: Any, **query: Any) -> list[int]:
    response = client.get("/api/claims/", query)
    assert response.status_code == 200, response.content
    return [claim["id"] for claim in response.json()["results"]]


def test_the_verdict_filter_matches_no_verdict_of_a_claim_one_is_blind_on(
    blind_claim, annotator, annotator2, editor, misleading
):
    blind = client_for(annotator2)
    assert blind_claim.pk in _ids(blind)  # the claim itself is listed...
    for verdict in Verdict.objects.all():  # ...but no guess of its verdict finds it
        assert blind_claim.pk not in _ids(blind, verdict=verdict.pk), verdict
    assert blind.get(f"/api/claims/{blind_claim.pk}/").json()["final_verdict"] is None
    # Whoever may read the verdict finds the claim by it.
    for reader in (annotator, editor):
        assert blind_claim.pk in _ids(client_for(reader), verdict=misleading.pk), reader


def test_an_editor_assigned_to_a_claim_still_reads_its_final_verdict(
    blind_claim, editor, misleading
):
    Assignment.objects.create(claim=blind_claim, reviewer=editor)
    body = client_for(editor).get(f"/api/claims/{blind_claim.pk}/").json()
    assert body["final_verdict"]["name"] == misleading.name
    assert blind_claim.pk in _ids(client_for(editor), verdict=misleading.pk)
