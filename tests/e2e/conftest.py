"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Reusable pieces: ``browser`` (session), ``page`` (a fresh context per test, with
the live server as base URL, every dialog recorded in ``page.dialogs``),
``login(page, username, password)`` and ``demo`` (the demo users and the
processed sample article, created by ``manage.py setup_demo``).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from claims.models import Article

# The shared ``browser`` and ``page`` fixtures live in tests/browser.py (a plugin of
# tests/conftest.py); ``login`` is re-exported here for the tests that import it.
from tests.browser import login  # noqa: F401


def demo_password(username: str) -> str:
    return f"{username}-demo-pass"


@pytest.fixture
def demo(transactional_db: None, settings: Any) -> Article:
    """The demo users (annotator, annotator2, editor, admin) and the processed sample article."""
    settings.CLAIMDESK_DEMO_PASSWORDS = {
        name: demo_password(name) for name in ("annotator", "annotator2", "editor", "admin")
    }
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
