"""Fixtures for publishing: API clients per role (the desk's claims come from tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import client_for


@pytest.fixture
def as_annotator(annotator: Any) -> APIClient:
    return client_for(annotator)


@pytest.fixture
def as_annotator2(annotator2: Any) -> APIClient:
    return client_for(annotator2)


@pytest.fixture
def as_editor(editor: Any) -> APIClient:
    return client_for(editor)
