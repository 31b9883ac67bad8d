"""Shared browser fixtures: Playwright driving Debian's chromium (no browser download).

A plugin of ``tests/conftest.py``, so that every browser test (``tests/e2e``,
``tests/dashboard``) shares one chromium for the whole session.  Playwright's
sync API runs an event loop in the test's thread, and Django refuses ORM calls
from such a thread unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: ``browser`` sets it
while a module of browser tests runs (the loop lives as long as ``browser``), and
restores it afterwards, so no other test runs with Django's guard off.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        reason = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"CI=true: the browser tests must run, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    """A fresh context on the live server; dialogs are recorded in ``page.dialogs`` and
    dismissed, script errors in ``page.errors``."""
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
