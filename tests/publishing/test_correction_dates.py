"""A correction changes a fact-check's ``dateModified``, never its ``datePublished``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from annotate import services
from annotate.models import Decision
from tests.factories import client_for, fresh
from tests.publishing.support import embedded_jsonld

pytestmark = pytest.mark.django_db
FIRST = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def first_published(published: Any) -> Any:
    # The clock cannot be turned back through the service: date the first publication
    # in the past so that "today" (the correction) differs from it.
    Decision.objects.filter(claim=published).update(published_at=FIRST, decided_at=FIRST)
    return fresh(published)


def correct(claim: Any, editor: Any, verdict: Any) -> Any:
    return services.claim_decide(
        claim=fresh(claim),
        verdict=verdict,
        note="The later UN count is higher.",
        correction_note="The count was revised.",
        by=editor,
        version=fresh(claim).version,
    )


def claimreview_export(editor: Any) -> dict[str, Any]:
    response = client_for(editor).get("/api/export/claimreview/")
    [review] = json.loads(b"".join(response.streaming_content))
    return review


def test_a_fact_check_never_corrected_was_modified_when_it_was_published(first_published, editor):
    review = claimreview_export(editor)
    assert review["datePublished"] == review["dateModified"] == "2024-03-01"


def test_a_correction_moves_date_modified_and_keeps_date_published(
    first_published, editor, verdict_true
):
    correct(first_published, editor, verdict_true)
    today = timezone.now().date().isoformat()
    for review in (
        claimreview_export(editor),
        embedded_jsonld(Client().get(f"/fact-checks/{first_published.pk}/").content.decode()),
    ):
        assert review["reviewRating"]["alternateName"] == "True"
        assert review["datePublished"] == "2024-03-01"
        assert review["dateModified"] == today


def test_the_public_page_shows_the_first_publication_and_the_update(
    first_published, editor, verdict_true
):
    page = Client().get(f"/fact-checks/{first_published.pk}/").content.decode()
    assert 'Published <time datetime="2024-03-01T09:30:00+00:00">1 March 2024</time>.' in page
    correct(first_published, editor, verdict_true)
    page = Client().get(f"/fact-checks/{first_published.pk}/").content.decode()
    assert (
        'Published <time datetime="2024-03-01T09:30:00+00:00">1 March 2024</time>, updated' in page
    )


def test_a_fact_check_withdrawn_corrected_and_republished_keeps_its_first_date(
    first_published, editor, verdict_true
):
    services.claim_unpublish(claim=first_published, by=editor, version=first_published.version)
    correct(first_published, editor, verdict_true)
    services.claim_publish(
        claim=fresh(first_published), by=editor, version=fresh(first_published).version
    )
    review = claimreview_export(editor)
    assert review["datePublished"] == "2024-03-01"
    assert review["dateModified"] == timezone.now().date().isoformat()
