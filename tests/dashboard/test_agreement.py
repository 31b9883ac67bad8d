"""Agreement statistics against textbook values and, where installed, established packages."""

from __future__ import annotations

import math
import random

import pytest

from dashboard.agreement import (
    cohen_kappa,
    coincidences,
    coincidences_from_units,
    krippendorff_alpha,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# four observers, twelve units, values 1-5, missing data (None).
K2011 = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}
K2011_UNITS = [list(values) for values in zip(*K2011.values(), strict=True)]


def test_the_coincidence_matrix_of_krippendorff_2011_matches_the_paper() -> None:
    o = coincidences_from_units(K2011_UNITS)
    # Section C's matrix: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3; n = 40.
    totals = {c: round(sum(row.values()), 6) for c, row in o.items()}
    assert totals == {1: 9, 2: 13, 3: 10, 4: 5, 5: 3}
    assert o[1][1] == pytest.approx(7)
    assert o[2][3] == pytest.approx(3 / 3 + 1 / 3)  # unit 2 (three pairs, m=4), unit 6 (one)
    assert o[5][5] == pytest.approx(3)  # unit 10: six ordered pairs, m=3


def test_nominal_alpha_of_krippendorff_2011_is_0_743() -> None:
    assert krippendorff_alpha(coincidences_from_units(K2011_UNITS)) == pytest.approx(
        0.743, abs=5e-4
    )


def test_interval_alpha_of_krippendorff_2011_is_0_849() -> None:
    alpha = krippendorff_alpha(coincidences_from_units(K2011_UNITS), "interval")
    assert alpha == pytest.approx(0.849, abs=5e-4)


def test_alpha_from_pair_counts_equals_alpha_from_units() -> None:
    """The dashboard's SQL gives (c, k, m_u, count) for unordered pairs; same matrix."""
    pairs: dict[tuple[int, int, int], int] = {}
    for unit in K2011_UNITS:
        values = [v for v in unit if v is not None]
        for i, c in enumerate(values):
            for k in values[i + 1 :]:
                key = (min(c, k), max(c, k), len(values))
                pairs[key] = pairs.get(key, 0) + 1
    matrix = coincidences((c, k, m, n) for (c, k, m), n in pairs.items())
    assert krippendorff_alpha(matrix) == pytest.approx(
        krippendorff_alpha(coincidences_from_units(K2011_UNITS))
    )


def test_cohen_kappa_of_the_textbook_two_by_two_is_0_4() -> None:
    # 50 proposals: both yes 20, A yes B no 5, A no B yes 10, both no 15.
    # p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4.
    kappa = cohen_kappa({("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15})
    assert kappa.observed == pytest.approx(0.7)
    assert kappa.expected == pytest.approx(0.5)
    assert kappa.value == pytest.approx(0.4)
    assert kappa.n == 50


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ((45, 15, 25, 15), 0.1304),  # similar proportions of agreement,
        ((25, 35, 5, 35), 0.2593),  # different kappas
    ],
)
def test_cohen_kappa_of_the_paired_textbook_examples(
    cells: tuple[int, ...], expected: float
) -> None:
    yy, yn, ny, nn = cells
    table = {("y", "y"): yy, ("y", "n"): yn, ("n", "y"): ny, ("n", "n"): nn}
    assert cohen_kappa(table).value == pytest.approx(expected, abs=5e-5)


def test_kappa_and_alpha_are_undefined_rather_than_wrong_on_degenerate_input() -> None:
    assert cohen_kappa({}).value is None
    assert cohen_kappa({("a", "a"): 4}).value is None  # one category throughout
    assert krippendorff_alpha({}) is None
    assert krippendorff_alpha(coincidences([("a", "a", 2, 5)])) is None
    assert krippendorff_alpha(coincidences([("a", "b", 1, 5)])) is None  # singletons


def test_perfect_agreement_gives_one_and_systematic_disagreement_is_negative() -> None:
    assert cohen_kappa({("a", "a"): 3, ("b", "b"): 2}).value == pytest.approx(1.0)
    assert cohen_kappa({("a", "b"): 3, ("b", "a"): 3}).value == pytest.approx(-1.0)
    assert krippendorff_alpha(coincidences([("a", "a", 2, 3), ("b", "b", 2, 3)])) == 1.0


def _random_units(seed: int, units: int = 60, coders: int = 4) -> list[list[int | None]]:
    rng = random.Random(seed)
    out = []
    for _ in range(units):
        truth = rng.randint(1, 5)
        out.append(
            [
                None if rng.random() < 0.3 else (truth if rng.random() < 0.6 else rng.randint(1, 5))
                for _ in range(coders)
            ]
        )
    return out


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("metric", ["nominal", "ordinal", "interval"])
def test_alpha_agrees_with_the_krippendorff_package(seed: int, metric: str) -> None:
    oracle = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    units = _random_units(seed)
    data = np.array([[math.nan if v is None else v for v in unit] for unit in units]).T
    expected = oracle.alpha(reliability_data=data, level_of_measurement=metric)
    assert krippendorff_alpha(coincidences_from_units(units), metric) == pytest.approx(expected)


def test_ordinal_alpha_of_krippendorff_2011_agrees_with_the_package() -> None:
    oracle = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    data = np.array([[math.nan if v is None else v for v in values] for values in K2011.values()])
    expected = oracle.alpha(reliability_data=data, level_of_measurement="ordinal")
    assert krippendorff_alpha(coincidences_from_units(K2011_UNITS), "ordinal") == pytest.approx(
        expected
    )


@pytest.mark.parametrize("seed", range(5))
def test_kappa_agrees_with_scikit_learn(seed: int) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(seed)
    a = [rng.choice("TFHMU") for _ in range(80)]
    b = [x if rng.random() < 0.55 else rng.choice("TFHMU") for x in a]
    table: dict[tuple[str, str], int] = {}
    for pair in zip(a, b, strict=True):
        table[pair] = table.get(pair, 0) + 1
    assert cohen_kappa(table).value == pytest.approx(metrics.cohen_kappa_score(a, b))
