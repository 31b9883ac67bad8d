"""Markup typed into any text field is kept as text and escaped wherever it is shown.

Every free-text field a reviewer or editor writes (article title, publisher, author
and body, claimant, rationale, source title, publisher, excerpt and URL query, dismiss
and decision notes, verdict name and description) carries a payload, and every page
that shows them is checked: no payload appears as markup, each appears escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from annotate import services as desk
from annotate.models import Verdict
from claims import services as articles
from claims.models import Claim
from tests.bad_input.world import XSS, built_once
from tests.factories import make_user, process_on_commit

pytestmark = pytest.mark.django_db

SCRIPT, IMG, SVG, JS = XSS
# Markup a browser would act on: an element or attribute that runs script.
RAW = ["<script>alert(1)", "<img src=x onerror", "<svg/onload", 'href="javascript:']


def _build() -> dict[str, Any]:
    ann, editor = make_user("xss-ann", "annotator"), make_user("xss-ed", "editor")
    body = f"Officials said {SCRIPT} more than 13,000 people were counted in 2021. {IMG} end."
    article = process_on_commit(
        articles.article_create,
        body=body,
        title=f"Title {SCRIPT}",
        publisher=IMG,
        author=SVG,
        url="https://news.example/a?q=%3Cscript%3E",
        created_by=ann,
    )
    start = body.index("more than")
    claim = desk.claim_mark(
        article=article, start=start, end=start + 40, by=ann, claimant=f"{IMG} minister"
    )
    verdict = desk.verdict_create(
        name=f"Odd {SVG}",
        rating_value=None,
        colour="#123456",
        by=editor,
        description=SCRIPT,
    )
    desk.source_add(
        claim=claim,
        by=ann,
        url="https://e.org/?q=<script>alert(1)</script>",
        title=SCRIPT,
        publisher=SVG,
        excerpt=f"{IMG} {JS}",
    )
    claim.refresh_from_db()
    review = claim.reviews.get()
    desk.review_submit(
        claim=claim,
        by=ann,
        version=review.version,
        verdict=Verdict.objects.get(name="False"),
        rationale=f"Because {SCRIPT} and {IMG}.",
    )
    claim.refresh_from_db()
    desk.claim_decide(
        claim=claim,
        verdict=Verdict.objects.get(name="False"),
        note=f"Note {SVG}",
        by=editor,
        version=claim.version,
    )
    claim.refresh_from_db()
    desk.claim_publish(claim=claim, by=editor, version=claim.version)
    other = Claim.objects.filter(article=article).exclude(pk=claim.pk).first()
    if other is not None:
        desk.claim_dismiss(claim=other, reason=f"Dup {SCRIPT}", by=editor, version=other.version)
    return {"article": article, "claim": claim, "verdict": verdict, "editor": editor, "ann": ann}


@pytest.fixture(scope="module")
def xss(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    yield from built_once(django_db_blocker, _build)


PAGES = [
    ("/articles/", "ann"),
    ("/articles/{article}/", "ann"),
    ("/articles/{article}/?claim={claim}", "ann"),
    ("/desk/claims/{claim}/", "editor"),
    ("/desk/claims/{claim}/pane/", "editor"),
    ("/desk/claims/{claim}/history/", "editor"),
    ("/desk/claims/{claim}/adjudicate/", "editor"),
    ("/desk/claims/", "editor"),
    ("/desk/claims/?status=dismissed", "editor"),
    ("/desk/verdicts/", "editor"),
    ("/dashboard/", "editor"),
    ("/dashboard/desk/", "editor"),
    ("/dashboard/mine/", "ann"),  # shows open work only: nothing of it, nothing raw
    ("/fact-checks/", None),
    ("/fact-checks/{claim}/", None),
]


@pytest.mark.parametrize(("path", "role"), PAGES)
def test_markup_in_text_fields_is_escaped_on_every_page(xss, path, role):
    client = Client()
    if role:
        client.force_login(xss[role])
    url = path.format(article=xss["article"].pk, claim=xss["claim"].pk)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    for raw in RAW:
        assert raw not in page, (raw, url)
    if "/fact-checks/{claim}/" == path:
        # The JSON-LD block is JSON: "<" is written \\u003c, so it cannot close the tag.
        assert "\\u003cscript\\u003e" in page
    if "mine" not in path:
        assert any(html.escape(payload) in page for payload in (SCRIPT, IMG, SVG)), url


def test_the_payloads_were_stored_as_typed(xss):
    article, claim = xss["article"], xss["claim"]
    assert article.title == f"Title {SCRIPT}" and article.publisher == IMG
    assert claim.claimant == f"{IMG} minister"
    assert claim.reviews.get().rationale == f"Because {SCRIPT} and {IMG}."


def test_markup_sent_through_the_api_and_the_form_is_accepted_as_text_and_escaped(annotator):
    client = Client()
    client.force_login(annotator)
    sent = {"body": f"Through the API {SCRIPT} 12 people.", "title": SCRIPT, "author": IMG}
    created = client.post("/api/articles/", sent, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["title"] == SCRIPT and created.json()["author"] == IMG
    posted = client.post("/articles/new/", {"body": f"Through the form {SVG}.", "title": SVG})
    assert posted.status_code == 302
    for article_id in (created.json()["id"], posted["Location"].rstrip("/").split("/")[-1]):
        page = client.get(f"/articles/{article_id}/").content.decode()
        assert not any(raw in page for raw in RAW)
        assert html.escape(SCRIPT) in page or html.escape(SVG) in page
