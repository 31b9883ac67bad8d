"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Reusable pieces: ``browser`` (session), ``page`` (a fresh context per test, with
the live server as base URL, every dialog recorded in ``page.dialogs``),
``login(page, username, password)`` and ``demo`` (the demo users and the
processed sample article, created by ``manage.py setup_demo``).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from claims.models import Article
from tests.conftest import IN_CI

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI=true: the browser tests must run, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    new_page.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        new_page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.errors = []  # type: ignore[attr-defined]
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    yield new_page
    context.close()


def login(page: Any, username: str, password: str) -> None:
    """Log in through the login form (a fresh session: the previous user is logged out)."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def demo_password(username: str) -> str:
    return f"{username}-demo-pass"


@pytest.fixture
def demo(transactional_db: None) -> Article:
    """The demo users (annotator, annotator2, editor, admin) and the processed sample article."""
    for variable in ("DEMO_ANNOTATOR_PASSWORD", "DEMO_ANNOTATOR2_PASSWORD",
                     "DEMO_EDITOR_PASSWORD", "DEMO_ADMIN_PASSWORD"):
        os.environ.pop(variable, None)
    call_command("setup_demo", "--force", stdout=io.StringIO())
    return Article.objects.get()


def select_text(page: Any, phrase: str, container: str = "#desk-body") -> None:
    """Select ``phrase`` with the mouse: press before its first character, release after it."""
    boxes = page.evaluate(
        """([selector, phrase]) => {
          const root = document.querySelector(selector);
          const text = root.textContent, at = text.indexOf(phrase);
          if (at < 0) return null;
          const cd = window.claimdesk, cp = cd.codePointLength(text.slice(0, at));
          const n = cd.codePointLength(phrase);
          const head = cd.rangeFor(root, cp, cp + 1);
          head.startContainer.parentElement.scrollIntoView({block: "center"});
          const first = head.getClientRects()[0];
          const rects = cd.rangeFor(root, cp + n - 1, cp + n).getClientRects();
          const last = rects[rects.length - 1];
          return {x1: first.left + 1, y1: first.top + first.height / 2,
                  x2: last.right - 1, y2: last.top + last.height / 2};
        }""", [container, phrase])
    assert boxes is not None, f"{phrase!r} is not on the page"
    page.mouse.move(boxes["x1"], boxes["y1"])
    page.mouse.down()
    page.mouse.move(boxes["x2"], boxes["y2"], steps=8)
    page.mouse.up()
    selected = page.evaluate("() => getSelection().toString()")
    assert selected == phrase, f"selected {selected!r} instead of {phrase!r}"
