"""Small SQL around ORM-built pieces: common table expressions joined in one statement.

The ORM builds each piece (with the dashboard's filters, on either database);
the statement that joins them is plain SQL that SQLite and PostgreSQL both run.
Used where the ORM would need a correlated subquery per row (a self-join of
reviews with each unit's size; a label per sentence), which costs seconds on
100,000 claims where a join of pre-aggregated pieces costs tens of milliseconds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connections, transaction
from django.db.models import QuerySet


def with_ctes(
    pieces: Sequence[tuple[str, QuerySet[Any]]],
    select: str,
    params: Sequence[Any] = (),
    *,
    using: str = "default",
) -> list[tuple[Any, ...]]:
    """Run ``WITH name AS (piece), ... <select>`` and return its rows."""
    parts: list[str] = []
    values: list[Any] = []
    for name, queryset in pieces:
        sql, piece_params = queryset.query.sql_with_params()
        parts.append(f"{name} AS ({sql})")
        values.extend(piece_params)
    with connections[using].cursor() as cursor:
        cursor.execute("WITH " + ", ".join(parts) + " " + select, [*values, *params])
        return list(cursor.fetchall())


@contextlib.contextmanager
def read_session(using: str = "default") -> Iterator[None]:
    """One read transaction for a page of aggregates: no JIT, room to sort in memory.

    On PostgreSQL, for this transaction only: the planner's cost estimates for
    these aggregates pass ``jit_above_cost``, and compiling them took about 2 s
    per query on 100,000 claims (see bench/dashboard.py) for queries that then
    run in tens of milliseconds; and the default 4 MB ``work_mem`` sent their
    sorts and hash aggregates to disk.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
        yield
