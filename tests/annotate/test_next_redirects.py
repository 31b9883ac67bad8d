"""The desk's plain form posts go back to ``next`` only when it is on the site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.claimdesk.redirect_targets import OFF_SITE
from tests.factories import fresh

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_claim_action_ignores_an_off_site_next(client, marked, annotator, target):
    client.force_login(annotator)
    url = reverse("annotate:claimant", args=[marked.pk])
    done = client.post(url, {"claimant": "A", "version": fresh(marked).version, "next": target})
    refused = client.post(url, {"claimant": "B", "version": 0, "next": target})
    for response in (done, refused):
        assert response.status_code == 302
        assert response["Location"] == reverse("annotate:claim", args=[marked.pk])
    assert fresh(marked).claimant == "A"


def test_a_claim_action_goes_back_to_an_on_site_next(client, marked, annotator):
    client.force_login(annotator)
    response = client.post(
        reverse("annotate:claimant", args=[marked.pk]),
        {"claimant": "A", "version": fresh(marked).version, "next": "/desk/claims/?mine=1"},
    )
    assert response["Location"] == "/desk/claims/?mine=1"


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_bulk_action_ignores_an_off_site_next(client, marked, editor, annotator, target):
    client.force_login(editor)
    url = reverse("annotate:bulk")
    empty = client.post(url, {"action": "assign", "next": target})
    done = client.post(
        url,
        {"action": "assign", "claims": [marked.pk], "reviewers": [annotator.pk], "next": target},
    )
    for response in (empty, done):
        assert response.status_code == 302
        assert response["Location"] == reverse("annotate:claim-list")


def test_a_bulk_action_goes_back_to_the_filtered_list_it_came_from(client, marked, editor):
    client.force_login(editor)
    response = client.post(
        reverse("annotate:bulk"), {"action": "assign", "next": "/desk/claims/?status=new"}
    )
    assert response["Location"] == "/desk/claims/?status=new"
