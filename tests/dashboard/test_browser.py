"""The dashboard in a real browser: Playwright driving Debian's chromium (no download).

The editor logs in, lands on the overview, sees the charts drawn without any
script, and follows a disagreement to its adjudication; a reviewer opens the
next claim of their queue with the ``n`` key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI
from tests.dashboard.conftest import build_desk

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make between browser steps are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI=true: the browser tests must run, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(base_url=live_server.url,
                                   viewport={"width": 1300, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def log_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")


def test_the_editor_sees_the_charts_and_follows_a_disagreement_to_adjudication(
        tab: Any, editor: Any, annotator: Any, annotator2: Any) -> None:
    build_desk(2, editor, annotator, annotator2)
    log_in(tab, "ed")
    assert tab.locator("h1").inner_text() == "Desk overview"
    for chart in ("chart-backlog", "chart-throughput", "chart-verdicts", "chart-publishers",
                  "chart-detector"):
        svg = tab.locator(f'svg[data-chart="{chart}"]')
        assert svg.is_visible(), chart
        assert svg.locator("rect").count() > 0, chart
        assert svg.bounding_box()["height"] > 20, chart
    assert tab.locator("#alpha-nominal").inner_text() == "0.300"
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        tab.screenshot(path=os.environ["DASHBOARD_SCREENSHOT"], full_page=True)
    link = tab.locator("a.adjudicate-link").first
    link.click()
    tab.wait_for_url("**/adjudicate/")
    assert tab.locator("h1").inner_text().startswith("Adjudicate claim #")
    assert tab.errors == []


def test_the_charts_are_drawn_with_javascript_switched_off(
        chromium: Any, live_server: Any, editor: Any, annotator: Any, annotator2: Any) -> None:
    build_desk(1, editor, annotator, annotator2)
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, "ed")
        assert page.locator("svg.chart").count() >= 5
        assert page.locator('svg[data-chart="chart-backlog"] rect').first.is_visible()
    finally:
        context.close()


def test_a_reviewer_opens_the_next_claim_with_the_n_key(tab: Any, editor: Any,
                                                        annotator: Any) -> None:
    from tests.dashboard.conftest import assign
    from tests.factories import ArticleFactory, article_text

    article = ArticleFactory(body=article_text(900, sentences=3))
    claim = article.claims.order_by("start").first()
    assign(claim, editor, annotator)
    log_in(tab, "ann")
    assert tab.locator("h1").inner_text() == "My queue"
    tab.keyboard.press("n")
    tab.wait_for_url(f"**/desk/claims/{claim.pk}/")
    assert tab.errors == []
