"""Percentiles in the database: ``percentile_cont`` on PostgreSQL, ordered OFFSETs elsewhere.

Both give the same continuous percentile (linear interpolation between the two
closest ranks, like PostgreSQL's ``percentile_cont``), and neither loads the rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import Aggregate, Count, Expression, QuerySet


class PercentileCont(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        if not 0.0 <= fraction <= 1.0:
            raise ValueError(f"fraction must lie in [0, 1], not {fraction!r}")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def percentiles(
    queryset: QuerySet[Any],
    expression: Expression,
    fractions: Sequence[float],
    *,
    method: str = "auto",
) -> tuple[int, list[Any]]:
    """``(n, [value at each fraction])`` of ``expression`` over ``queryset``.

    Values are None when the queryset is empty.  PostgreSQL: one query.
    Elsewhere (or with ``method="offset"``): one count, then two rows per
    fraction at an OFFSET.
    """
    queryset = queryset.order_by()
    if method == "auto" and connections[queryset.db].vendor == "postgresql":
        names = {f"p{i}": PercentileCont(expression, f) for i, f in enumerate(fractions)}
        row = queryset.aggregate(n=Count("pk"), **names)
        return row["n"], [row[f"p{i}"] for i in range(len(fractions))]
    n = queryset.count()
    if n == 0:
        return 0, [None for _ in fractions]
    ordered = queryset.annotate(_v=expression).order_by("_v").values_list("_v", flat=True)
    return n, [_interpolated(ordered, n, f) for f in fractions]


def _interpolated(ordered: QuerySet[Any], n: int, fraction: float) -> Any:
    position = fraction * (n - 1)
    lower = math.floor(position)
    rows = list(ordered[lower : lower + 2])
    if len(rows) == 1 or position == lower:
        return rows[0]
    return rows[0] + (rows[1] - rows[0]) * (position - lower)
