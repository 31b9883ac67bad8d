"""Fixtures for the dashboard: a desk with claims in every state (see desks.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.dashboard.desks import Desk, build_desk


@pytest.fixture
def desk(db, editor: Any, annotator: Any, annotator2: Any) -> Desk:
    return build_desk(2, editor, annotator, annotator2)
