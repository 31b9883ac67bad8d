"""Fixtures of the bad-input corpus: its world, built once per module (see world.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.bad_input.world import World, build_world, built_once


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    yield from built_once(django_db_blocker, build_world)


@pytest.fixture(autouse=True)
def _loopback_webhooks(settings: Any) -> None:
    settings.CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK = True
