"""What the benchmarks that need PostgreSQL share: a database of their own, created and
dropped on the server of DATABASE_URL, and production-like settings for the process.

The worker, the broker and the waits around them are in ``tests/integration/support.py``,
shared with the integration tests.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlparse, urlunparse

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"


def with_path(url: str, name: str) -> str:
    """``url`` with its path (the database name) set to ``name``."""
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def _admin_connection(database_url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(
        with_path(database_url, "postgres").replace("postgresql://", "postgres://", 1),
        autocommit=True,
    )


def recreate_database(database_url: str) -> None:
    """Drop the database of ``database_url`` if it exists (even in use), and create it empty."""
    name = urlparse(database_url).path.lstrip("/")
    with _admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    """Close this process's connections and drop the database of ``database_url``."""
    from django.db import connections

    connections.close_all()
    name = urlparse(database_url).path.lstrip("/")
    with _admin_connection(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_settings(**values: str) -> None:
    """Set the environment the settings read (once, at set-up) for a production-like run.

    DEBUG off as in production (no query log), so a throwaway key; ``values`` adds or
    overrides variables (DATABASE_URL, CELERY_BROKER_URL...). A worker started with this
    process's environment shares them.
    """
    defaults = {
        "DEBUG": "false",
        "ALLOWED_HOSTS": "localhost",
        "SECRET_KEY": f"bench-{uuid.uuid4().hex}{uuid.uuid4().hex}",
    }
    os.environ.update({**defaults, **values})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimdesk.settings")
