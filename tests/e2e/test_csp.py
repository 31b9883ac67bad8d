"""Every page runs under the site's Content-Security-Policy without breaking it.

The shared ``page`` fixture (tests/browser.py) fails any test whose pages report a
violation; the tour below visits every kind of page, the API docs included, and the
last test shows that the check catches what the policy blocks.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.models import Article, Claim, ClaimStatus
from tests.browser import TIMEOUT_MS, demo_password, login, new_context
from tests.e2e.screens import populate_demo_desk

pytestmark = pytest.mark.browser


def visit(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    assert "camera=()" in response.headers["permissions-policy"], url


def test_every_page_is_drawn_without_breaking_the_csp(page: Any, demo: Article) -> None:
    shown = populate_demo_desk(demo)
    published = Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("pk").first()
    assert published is not None
    login(page, "admin", demo_password("admin"))
    for url in (
        "/articles/",
        "/articles/?status=ready",
        "/articles/new/",
        f"/articles/{demo.pk}/?claim={shown.pk}",
        "/desk/claims/",
        f"/desk/claims/{shown.pk}/",
        f"/desk/claims/{shown.pk}/adjudicate/",
        "/desk/verdicts/",
        "/dashboard/desk/",
        "/dashboard/mine/",
        "/fact-checks/",
        f"/fact-checks/{published.pk}/",
        "/admin/",
        "/admin/claims/article/",
        f"/admin/claims/article/{demo.pk}/change/",
        "/api/articles/",
    ):
        visit(page, url)
    # The verdict colours come from their stylesheet, not from style attributes.
    page.goto(f"/fact-checks/{published.pk}/")
    chip = page.locator("strong.verdict")
    assert chip.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    # The filter still submits itself on change, from a static script now.
    page.goto("/articles/")
    page.select_option("#status", "ready")
    page.wait_for_url(re.compile(r"status=ready"))
    assert page.errors == []


def test_the_api_docs_draw_themselves_under_the_csp(page: Any, demo: Article) -> None:
    login(page, "annotator", demo_password("annotator"))
    visit(page, "/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=TIMEOUT_MS)
    visit(page, "/api/redoc/")
    heading = page.locator("#redoc-container h1", has_text="Claimdesk API")
    expect(heading).to_be_visible(timeout=TIMEOUT_MS)
    # Drawn with its styles (the nonce reached styled-components), logo left out.
    assert heading.evaluate("e => getComputedStyle(e).fontWeight") != "700"
    assert page.locator("img[src^='https://']").count() == 0
    assert page.errors == []


def test_the_check_catches_an_inline_script_and_an_inline_style(
    browser: Any, live_server: Any, transactional_db: None
) -> None:
    context, violations = new_context(browser, live_server.url)
    try:
        probe = context.new_page()
        probe.goto("/accounts/login/")
        probe.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.ranInline = true";
              document.body.append(script);
              document.body.setAttribute("style", "background: red");
            }"""
        )
        probe.wait_for_function("() => true")
        ran = probe.evaluate("() => window.ranInline === true")
        violations.settle(context)
    finally:
        context.close()
    assert ran is False, "the site's CSP let an inline script run"
    directives = {event["directive"] for event in violations.events}
    assert {"script-src-elem", "style-src-attr"} <= directives, violations.events
    assert any("Content Security Policy" in line for line in violations.console)
    with pytest.raises(AssertionError, match="broke the Content-Security-Policy"):
        violations.assert_none()
