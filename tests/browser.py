"""Shared browser fixtures: Playwright driving Debian's chromium (no browser download).

A plugin of ``tests/conftest.py``, so that every browser test (``tests/e2e``,
``tests/dashboard``) shares one chromium for the whole session.  Playwright's
sync API runs an event loop in the test's thread, and Django refuses ORM calls
from such a thread unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set: ``browser`` sets it
while a module of browser tests runs (the loop lives as long as ``browser``), and
restores it afterwards, so no other test runs with Django's guard off.

Every context made here records Content-Security-Policy violations (``CspViolations``):
the page fires ``securitypolicyviolation`` for each one and chromium logs it on the
console; ``page`` fails its test at teardown if any was seen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.environment import IN_CI

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


# Runs in every document before its own scripts, so no violation escapes it; the binding
# survives navigations, unlike anything stored on ``window``.
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    page: event.documentURI, sample: event.sample, line: event.lineNumber,
  });
}, true);
"""


@dataclass
class CspViolations:
    """What the pages of one browser context reported as blocked by the site's CSP."""

    events: list[dict[str, Any]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def attach(self, context: Any) -> CspViolations:
        context.expose_binding("__cspViolation", lambda _source, info: self.events.append(info))
        context.add_init_script(_REPORT_VIOLATIONS)
        context.on("console", self._on_console)
        return self

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def settle(self, context: Any) -> None:
        """Let the reports still on their way from the pages arrive (a round trip each)."""
        from playwright.sync_api import Error

        for open_page in context.pages:
            try:
                open_page.evaluate("0")
            except Error:  # closed or navigating: its reports were sent before that
                pass

    def assert_none(self) -> None:
        assert not (self.events or self.console), (
            "the page broke the Content-Security-Policy:\n"
            + "\n".join(map(str, [*self.events, *self.console]))
        )


def new_context(browser: Any, base_url: str, **options: Any) -> tuple[Any, CspViolations]:
    """A browser context on ``base_url`` that records CSP violations."""
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, CspViolations().attach(context)


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
    dismissed, script errors in ``page.errors``, CSP violations in ``page.csp`` (any of
    them fails the test)."""
    context, violations = new_context(
        browser, live_server.url, viewport={"width": 1400, "height": 900}
    )
    new_page = context.new_page()
    new_page.csp = violations  # type: ignore[attr-defined]
    new_page.dialogs = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        new_page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.errors = []  # type: ignore[attr-defined]
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    yield new_page
    try:
        violations.settle(context)
    finally:
        context.close()
    violations.assert_none()


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
        }""",
        [container, phrase],
    )
    assert boxes is not None, f"{phrase!r} is not on the page"
    page.mouse.move(boxes["x1"], boxes["y1"])
    page.mouse.down()
    page.mouse.move(boxes["x2"], boxes["y2"], steps=8)
    page.mouse.up()
    selected = page.evaluate("() => getSelection().toString()")
    assert selected == phrase, f"selected {selected!r} instead of {phrase!r}"
