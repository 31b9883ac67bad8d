"""The public fact-check pages: what anyone may read, with ClaimReview embedded."""

from __future__ import annotations

import pytest
from django.test import Client

from annotate import services
from tests.factories import fresh
from tests.publishing.support import embedded_jsonld

pytestmark = pytest.mark.django_db


def test_a_published_fact_check_is_public_with_its_claimreview(published):
    response = Client().get(f"/fact-checks/{published.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>more than 13,000 people since 2014</mark>" in html
    assert "killing <mark>" in html  # the quote in its context
    data = embedded_jsonld(html)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == published.quote
    assert data["url"] == f"http://testserver/fact-checks/{published.pk}/"
    assert data["reviewRating"]["alternateName"] == "False"
    assert "Agree with the review." in html


def test_unpublished_claims_are_not_public(decided, marked):
    for claim in (decided, marked):
        assert Client().get(f"/fact-checks/{claim.pk}/").status_code == 404
    assert Client().get("/fact-checks/999999/").status_code == 404


def test_the_index_lists_published_fact_checks_only(
    published, article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = Client().get("/fact-checks/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/fact-checks/{published.pk}/"' in html
    assert html.count('href="/fact-checks/') == 1


def test_markup_in_the_claim_cannot_break_out_of_the_page_or_the_jsonld(
    published, editor, verdict_true
):
    services.claim_unpublish(claim=published, by=editor, version=fresh(published).version)
    services.claim_set_claimant(
        claim=fresh(published),
        claimant="</script><b>Minister</b>",
        by=editor,
        version=fresh(published).version,
    )
    services.claim_decide(
        claim=fresh(published),
        verdict=verdict_true,
        note="</script><script>alert(1)</script> & <b>",
        correction_note="Fixed </script>",
        by=editor,
        version=fresh(published).version,
    )
    services.claim_publish(claim=fresh(published), by=editor, version=fresh(published).version)
    html = Client().get(f"/fact-checks/{published.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    data = embedded_jsonld(html)
    assert data["reviewRating"]["alternateName"] == "True"
    assert data["itemReviewed"]["author"]["name"] == "</script><b>Minister</b>"
    assert "</script><b>" not in html
    assert "Fixed &lt;/script&gt;" in html  # the correction note, escaped
