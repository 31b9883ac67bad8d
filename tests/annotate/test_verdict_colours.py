"""The rating scale's colours leave as a stylesheet (the CSP refuses inline styles)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from annotate.models import Verdict

URL = "/desk/verdict-colours.css"
pytestmark = pytest.mark.django_db


def test_anyone_gets_one_rule_per_verdict_with_its_colour_and_text_colour():
    response = Client().get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    for verdict in Verdict.objects.all():
        rule = f".vd-{verdict.pk} {{ --vc: {verdict.colour}; --vt: {verdict.text_colour}; }}"
        assert rule in css


def test_a_new_colour_shows_at_once_and_an_unchanged_sheet_is_not_sent_again():
    client = Client()
    first = client.get(URL)
    assert "no-cache" in first["Cache-Control"]
    again = client.get(URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    Verdict.objects.filter(name="False").update(colour="#123456")
    changed = client.get(URL, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert "--vc: #123456;" in changed.content.decode()


def test_a_colour_that_is_not_rrggbb_never_reaches_the_stylesheet():
    # Written past the model's validator (QuerySet.update does not validate); seven
    # characters, the column's width.
    Verdict.objects.filter(name="True").update(colour="x;}*{z:")
    css = Client().get(URL).content.decode()
    assert "x;}" not in css and "*{" not in css
    assert len(
        re.findall(r"^\.vd-\d+ \{ --vc: #[0-9a-fA-F]{6}; --vt: #[0f]{6}; \}$", css, re.M)
    ) == (Verdict.objects.count() - 1)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_reads_only(method):
    assert getattr(Client(), method)(URL).status_code == 405
