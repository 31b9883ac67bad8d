"""Blind review on every page of the desk: a reviewer assigned to a claim who has not
submitted their review learns neither the others' verdicts nor the final verdict."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from annotate import history
from claims.models import Claim

pytestmark = pytest.mark.django_db


def _pages(claim: Claim) -> list[str]:
    return [
        reverse("annotate:history", args=[claim.pk]),
        reverse("annotate:claim", args=[claim.pk]),
        reverse("annotate:pane", args=[claim.pk]),
        reverse("annotate:article", args=[claim.article_id]) + f"?claim={claim.pk}",
        reverse("annotate:claim-list"),
    ]


def _without_the_scale(html: str) -> str:
    # The stylesheet and the legend show every verdict of the scale, whatever the claims.
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r'<dl class="legend-row".*?</dl>', "", html, flags=re.S)


def test_no_desk_page_names_the_final_verdict_to_a_blind_reviewer(
    client, blind_claim, annotator2, misleading, verdict_false
):
    client.force_login(annotator2)
    for url in _pages(blind_claim):
        response = client.get(url)
        html = _without_the_scale(response.content.decode())
        assert response.status_code == 200, url
        assert misleading.name not in html, url
        assert f"vd-{misleading.pk}" not in html and f"vd-{verdict_false.pk}" not in html, url


def test_the_history_names_the_final_verdict_once_one_may_read_it(
    client, blind_claim, annotator, editor
):
    for user in (annotator, editor):
        client.force_login(user)
        html = client.get(reverse("annotate:history", args=[blind_claim.pk])).content.decode()
        assert "Misleading" in html, user


def test_the_timeline_of_a_blind_reviewer_mentions_no_verdict_even_without_desk_columns(
    blind_claim, annotator2, misleading, verdict_false
):
    # A plain Claim, not the annotated one of the desk's selectors: blindness is read
    # from the database, not from columns a caller may have forgotten.
    entries = history.claim_timeline(claim=Claim.objects.get(pk=blind_claim.pk), user=annotator2)
    text = " ".join(
        f"{e.subject} {e.reason} " + " ".join(f"{c.before} {c.after}" for c in e.changes)
        for e in entries
    )
    assert entries and misleading.name not in text and verdict_false.name not in text


def test_old_history_reasons_naming_the_verdict_are_rewritten(blind_claim, misleading):
    from importlib import import_module

    from django.apps import apps

    record = Claim.history.filter(id=blind_claim.pk).latest("history_date")
    record.history_change_reason = f"final verdict: {misleading.name}"
    record.save()
    migration = import_module("annotate.migrations.0005_history_reason_without_verdict")
    migration.forget_verdicts_in_claim_reasons(apps, None)
    record.refresh_from_db()
    assert record.history_change_reason == "final verdict recorded"
