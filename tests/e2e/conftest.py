"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Reusable pieces: ``browser`` (session), ``page`` (a fresh context per test, with
the live server as base URL, every dialog recorded in ``page.dialogs``),
and ``demo`` (the demo users and the processed sample article, created by
``manage.py setup_demo``); ``login``, ``select_text`` and ``demo_password`` are in
tests/browser.py.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from claims.models import Article

# The shared ``browser`` and ``page`` fixtures live in tests/browser.py (a plugin of
# tests/conftest.py), with the helpers the tests drive the desk with.
from tests.browser import demo_password


@pytest.fixture
def demo(transactional_db: None, settings: Any) -> Article:
    """The demo users (annotator, annotator2, editor, admin) and the processed sample article."""
    settings.CLAIMDESK_DEMO_PASSWORDS = {
        name: demo_password(name) for name in ("annotator", "annotator2", "editor", "admin")
    }
    call_command("setup_demo", "--force", stdout=io.StringIO())
    return Article.objects.get()
