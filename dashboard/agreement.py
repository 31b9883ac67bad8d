"""Agreement between reviewers: Cohen's kappa and Krippendorff's alpha (pure Python, no Django).

The dashboard counts pairs of verdicts in SQL (``GROUP BY`` over a self-join of
submitted reviews) and hands the small tables to these functions, so nothing
here ever sees a row per review.

References:

* Cohen, J. (1960). A coefficient of agreement for nominal scales.
  *Educational and Psychological Measurement* 20(1), 37-46.
* Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*.
  Annenberg School for Communication, University of Pennsylvania.
  (The coincidence matrix, section C; the difference functions, section E.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Metric = Literal["nominal", "ordinal", "interval"]


@dataclass(frozen=True)
class Kappa:
    """Cohen's kappa with the two proportions it is made of."""

    value: float | None
    observed: float
    expected: float
    n: int


def cohen_kappa(table: Mapping[tuple[Hashable, Hashable], int]) -> Kappa:
    """Cohen's kappa of two raters from their contingency table.

    ``table[(a, b)]`` counts the units that rater 1 put in category ``a`` and
    rater 2 in category ``b``.  With ``N`` units, ``p_o = sum_c n_cc / N`` (the
    proportion of agreement) and ``p_e = sum_c (n_c. / N)(n_.c / N)`` (the
    agreement expected by chance from each rater's own marginal distribution):

        kappa = (p_o - p_e) / (1 - p_e)            (Cohen 1960, eq. 1)

    ``value`` is None when kappa is undefined: no units, or ``p_e = 1`` (both
    raters used one and the same category throughout).
    """
    n = sum(table.values())
    if n == 0:
        return Kappa(None, 0.0, 0.0, 0)
    rows: dict[Hashable, int] = defaultdict(int)
    cols: dict[Hashable, int] = defaultdict(int)
    agreed = 0
    for (a, b), count in table.items():
        rows[a] += count
        cols[b] += count
        if a == b:
            agreed += count
    observed = agreed / n
    expected = sum(rows[c] * cols.get(c, 0) for c in rows) / (n * n)
    if expected >= 1.0:
        return Kappa(None, observed, expected, n)
    return Kappa((observed - expected) / (1.0 - expected), observed, expected, n)


Coincidences = dict[Hashable, dict[Hashable, float]]


def coincidences(pairs: Iterable[tuple[Hashable, Hashable, int, int]]) -> Coincidences:
    """The coincidence matrix ``o_ck`` from counts of unordered pairs of values.

    Each item is ``(c, k, m_u, count)``: ``count`` unordered pairs of values
    ``c`` and ``k`` given by two different coders to units that carry ``m_u``
    pairable values each.  Krippendorff (2011, section C) defines

        o_ck = sum_u (number of c-k pairs in unit u) / (m_u - 1)

    over ordered pairs; an unordered pair {c, k} is the two ordered pairs (c, k)
    and (k, c), so it adds ``count / (m_u - 1)`` to both cells (twice to ``o_cc``).
    """
    matrix: Coincidences = defaultdict(lambda: defaultdict(float))
    for c, k, m_u, count in pairs:
        if m_u < 2 or count <= 0:
            continue
        share = count / (m_u - 1)
        matrix[c][k] += share
        matrix[k][c] += share
    return {c: dict(row) for c, row in matrix.items()}


def coincidences_from_units(units: Iterable[Sequence[Hashable | None]]) -> Coincidences:
    """The coincidence matrix from raw units (a list of the values each unit got).

    ``None`` marks a missing value.  For tests and small data only: the
    dashboard builds the matrix from pair counts with :func:`coincidences`.
    """
    pairs: dict[tuple[Hashable, Hashable, int], int] = defaultdict(int)
    for unit in units:
        values = [v for v in unit if v is not None]
        for i, c in enumerate(values):
            for k in values[i + 1 :]:
                pairs[(c, k, len(values))] += 1
    return coincidences((c, k, m, n) for (c, k, m), n in pairs.items())


def _delta2(
    metric: Metric, order: list[Hashable], totals: dict[Hashable, float]
) -> dict[tuple[Hashable, Hashable], float]:
    """Squared differences between values (Krippendorff 2011, section E).

    nominal: 0 for equal values, 1 otherwise;
    ordinal: (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2, ranks weighted by how often
    each value occurs (``order`` lists the values from lowest to highest);
    interval: (c - k)^2.
    """
    delta: dict[tuple[Hashable, Hashable], float] = {}
    for i, c in enumerate(order):
        for j, k in enumerate(order):
            if metric == "nominal":
                d = 0.0 if c == k else 1.0
            elif metric == "interval":
                d = (float(c) - float(k)) ** 2  # type: ignore[arg-type]
            else:
                lo, hi = min(i, j), max(i, j)
                between = sum(totals[order[g]] for g in range(lo, hi + 1))
                d = (between - (totals[c] + totals[k]) / 2.0) ** 2
            delta[(c, k)] = d
    return delta


def krippendorff_alpha(
    matrix: Coincidences, metric: Metric = "nominal", order: Sequence[Hashable] | None = None
) -> float | None:
    """Krippendorff's alpha from a coincidence matrix.

        alpha = 1 - D_o / D_e
              = 1 - (n - 1) * sum_{c,k} o_ck * d2_ck / sum_{c,k} n_c * n_k * d2_ck

    with ``n_c = sum_k o_ck`` and ``n = sum_c n_c`` (Krippendorff 2011, section C).
    For the ordinal metric ``order`` gives the values from lowest to highest
    (default: sorted).  None when alpha is undefined: fewer than two pairable
    values, or no expected disagreement (every value the same).
    """
    totals = {c: sum(row.values()) for c, row in matrix.items()}
    n = sum(totals.values())
    if n < 2:
        return None
    values = list(order) if order is not None else sorted(totals)  # type: ignore[type-var]
    values = [v for v in values if v in totals]
    delta = _delta2(metric, values, totals)
    observed = sum(matrix[c].get(k, 0.0) * delta[(c, k)] for c in values for k in values)
    expected = sum(totals[c] * totals[k] * delta[(c, k)] for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected
