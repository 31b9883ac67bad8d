"""The dashboard in a real browser: Playwright driving Debian's chromium (no download).

The editor logs in, lands on the overview, sees the charts drawn without any
script, and follows a disagreement to its adjudication; a reviewer opens the
next claim of their queue with the ``n`` key.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser import login, new_context
from tests.dashboard.desks import build_desk

pytestmark = pytest.mark.browser


def log_in(page: Any, username: str) -> None:
    login(page, username, f"pw-{username}")
    page.wait_for_url("**/dashboard/")


def test_the_editor_sees_the_charts_and_follows_a_disagreement_to_adjudication(
    page: Any, editor: Any, annotator: Any, annotator2: Any
) -> None:
    build_desk(2, editor, annotator, annotator2)
    log_in(page, "ed")
    assert page.locator("h1").inner_text() == "Desk overview"
    for chart in (
        "chart-backlog",
        "chart-throughput",
        "chart-verdicts",
        "chart-publishers",
        "chart-detector",
    ):
        svg = page.locator(f'svg[data-chart="{chart}"]')
        assert svg.is_visible(), chart
        assert svg.locator("rect").count() > 0, chart
        assert svg.bounding_box()["height"] > 20, chart
    assert page.locator("#alpha-nominal").inner_text() == "0.300"
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=os.environ["DASHBOARD_SCREENSHOT"], full_page=True)
    link = page.locator("a.adjudicate-link").first
    link.click()
    page.wait_for_url("**/adjudicate/")
    assert page.locator("h1").inner_text().startswith("Adjudicate claim #")
    assert page.errors == []


def test_the_charts_are_drawn_with_javascript_switched_off(
    browser: Any,
    live_server: Any,
    transactional_db: None,
    editor: Any,
    annotator: Any,
    annotator2: Any,
) -> None:
    build_desk(1, editor, annotator, annotator2)
    context, violations = new_context(browser, live_server.url, java_script_enabled=False)
    try:
        no_script = context.new_page()
        log_in(no_script, "ed")
        assert no_script.locator("svg.chart").count() >= 5
        assert no_script.locator('svg[data-chart="chart-backlog"] rect').first.is_visible()
    finally:
        context.close()
    violations.assert_none()  # without scripts only chromium's console can report them


def test_a_reviewer_opens_the_next_claim_with_the_n_key(
    page: Any, editor: Any, annotator: Any
) -> None:
    from tests.factories import ArticleFactory, article_text, assign

    article = ArticleFactory(body=article_text(900, sentences=3))
    claim = article.claims.order_by("start").first()
    assign(claim, editor, annotator)
    log_in(page, "ann")
    assert page.locator("h1").inner_text() == "My queue"
    page.keyboard.press("n")
    page.wait_for_url(f"**/desk/claims/{claim.pk}/")
    assert page.errors == []
