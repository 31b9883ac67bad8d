"""Editing the rating scale, and bulk actions that keep a history entry per claim."""

from __future__ import annotations

import pytest
from django.urls import reverse

from annotate import services
from annotate.errors import DeskError, DeskForbidden
from annotate.models import Verdict
from claims.models import Claim, ClaimStatus

pytestmark = pytest.mark.django_db


def test_an_editor_adds_and_edits_verdicts(editor):
    added = services.verdict_create(
        name="Needs context",
        rating_value=None,
        colour="#0969DA",
        by=editor,
        description="True but misses context",
    )
    assert added.position == 8 and added.colour == "#0969da"
    edited = services.verdict_update(
        verdict=added,
        name="Missing context",
        rating_value=3,
        colour="#0969da",
        is_active=False,
        by=editor,
    )
    assert edited.name == "Missing context" and not edited.is_active
    assert edited.history.count() == 2 and edited.history.first().history_user == editor
    assert not Verdict.objects.active().filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "false"}, "name"),
        ({"rating_value": 9}, "rating_value"),
        ({"colour": "red"}, "colour"),
        ({"colour": "#12345"}, "colour"),
    ],
)
def test_bad_scale_edits_are_refused(editor, fields, field):
    values = {"name": "New", "rating_value": None, "colour": "#000000", **fields}
    with pytest.raises(DeskError) as refused:
        services.verdict_create(by=editor, **values)
    assert refused.value.field == field
    assert Verdict.objects.count() == 7


def test_annotators_cannot_touch_the_scale(client, annotator, editor):
    with pytest.raises(DeskForbidden):
        services.verdict_create(name="X", rating_value=None, colour="#000000", by=annotator)
    client.force_login(annotator)
    assert client.get(reverse("annotate:verdicts")).status_code == 403
    client.force_login(editor)
    false = Verdict.objects.get(name="False")
    response = client.post(
        reverse("annotate:verdicts"),
        {
            "verdict": false.pk,
            "name": "False",
            "rating_value": 1,
            "colour": "#b31d28",
            "description": "Not accurate.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    false.refresh_from_db()
    assert false.colour == "#b31d28"
    response = client.post(reverse("annotate:verdicts"), {"name": "", "colour": "#000000"})
    assert response.status_code == 400


def test_bulk_dismiss_and_assign_record_history_for_every_claim(article, editor, annotator):
    claims = list(article.claims.order_by("start")[:4])
    before = {c.pk: c.history.count() for c in claims}
    done, problems = services.claims_bulk_assign(
        claims=claims[:2], reviewers=[annotator], by=editor
    )
    assert len(done) == 2 and problems == []
    done, problems = services.claims_bulk_dismiss(
        claims=[Claim.objects.get(pk=c.pk) for c in claims], reason="Duplicate", by=editor
    )
    assert len(done) == 4 and problems == []
    for claim in claims:
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.DISMISSED
        assert claim.history.count() > before[claim.pk]
        assert claim.history.first().history_user == editor


def test_bulk_reports_the_claims_it_could_not_change(article, editor, annotator):
    claims = list(article.claims.order_by("start")[:2])
    services.claim_dismiss(claim=claims[0], reason="x", by=editor, version=claims[0].version)
    done, problems = services.claims_bulk_dismiss(
        claims=list(Claim.objects.filter(pk__in=[c.pk for c in claims])), reason="y", by=editor
    )
    assert len(done) == 1 and len(problems) == 1 and f"#{claims[0].pk}" in problems[0]
    with pytest.raises(DeskForbidden):
        services.claims_bulk_dismiss(claims=claims, reason="z", by=annotator)


def test_the_bulk_form_on_the_claim_list(client, article, editor, annotator):
    claims = list(article.claims.order_by("start")[:3])
    client.force_login(editor)
    assert 'id="bulk-form"' in client.get(reverse("annotate:claim-list")).content.decode()
    response = client.post(
        reverse("annotate:bulk"),
        {"action": "assign", "claims": [c.pk for c in claims], "reviewers": [annotator.pk]},
    )
    assert response.status_code == 302
    assert all(c.assignments.filter(reviewer=annotator).exists() for c in claims)
    client.force_login(annotator)
    assert 'id="bulk-form"' not in client.get(reverse("annotate:claim-list")).content.decode()
    response = client.post(
        reverse("annotate:bulk"),
        {"action": "dismiss", "claims": [c.pk for c in claims], "reason": "no"},
    )
    assert response.status_code == 403
