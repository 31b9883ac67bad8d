"""Fixtures for publishing: the desk's claims in each state, and API clients per role."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.annotate.conftest import (  # noqa: F401 - fixtures shared with the desk's tests
    article,
    decided,
    fresh,
    marked,
    published,
    reviewed,
    span_of,
    submit,
    verdict_false,
    verdict_true,
)


def client_for(user: Any | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_annotator(annotator: Any) -> APIClient:
    return client_for(annotator)


@pytest.fixture
def as_annotator2(annotator2: Any) -> APIClient:
    return client_for(annotator2)


@pytest.fixture
def as_editor(editor: Any) -> APIClient:
    return client_for(editor)


@pytest.fixture
def as_staff(staff: Any) -> APIClient:
    return client_for(staff)


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()
