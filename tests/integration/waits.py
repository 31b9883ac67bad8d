"""What the integration tests share beside their fixtures: the test database's address for a
worker, and waiting on a worker as a test failure (``support.wait_until`` raises)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from tests.integration import support


def database_url() -> str:
    """A DATABASE_URL for the test database pytest-django created (not the configured one)."""
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{s['PORT'] or 5432}/{quote(s['NAME'], safe='')}"


def wait_for(predicate: Callable[[], Any], *, what: str, timeout: float = 120.0) -> Any:
    """Poll until ``predicate()`` is truthy; fail after ``timeout`` (a liveness bound only)."""
    try:
        return support.wait_until(predicate, what=what, timeout=timeout)
    except support.ServiceError as exc:
        pytest.fail(str(exc))
