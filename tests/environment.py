"""What the machine running the tests offers: whether this is CI, and whether the
integration services (PostgreSQL and Redis) answer.

Plain helpers, read by tests/conftest.py (which skips or stops on them) and by the
plugins and modules that must fail under CI rather than skip.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def service_missing() -> str | None:
    """Why the integration services cannot be used here, or None when they can."""
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL does not point at PostgreSQL"
    if not redis.startswith("redis://"):
        return "REDIS_URL is not set to a Redis server"
    if not _answers(database, 5432):
        return f"PostgreSQL at {urlparse(database).netloc} does not answer"
    if not _answers(redis, 6379):
        return f"Redis at {urlparse(redis).netloc} does not answer"
    return None
