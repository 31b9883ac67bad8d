"""Chart geometry and the filters' date logic (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import charts
from dashboard.filters import MAX_DAYS, Filters


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 1),
        (1, 1),
        (3, 5),
        (7, 10),
        (11, 20),
        (21, 25),
        (26, 50),
        (0.42, 0.5),
        (1234, 2000),
    ],
)
def test_axes_end_on_a_round_number_at_or_above_the_largest_value(
    value: float, expected: float
) -> None:
    assert charts.nice_max(value) == pytest.approx(expected)


def test_horizontal_bars_are_as_long_as_their_values_and_never_overlap() -> None:
    chart = charts.hbar([("a", 10), ("b", 5), ("c", 0)])
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] == 0
    for upper, lower in zip(chart.bars, chart.bars[1:], strict=False):
        assert upper.y + upper.height <= lower.y
    assert max(b.x + b.width for b in chart.bars) <= chart.plot_right


def test_vertical_bars_stand_on_the_axis() -> None:
    chart = charts.vbar([("d1", 4), ("d2", 0), ("d3", 2)])
    assert {round(b.y + b.height, 2) for b in chart.bars} == {chart.plot_bottom}
    assert chart.bars[0].height == pytest.approx(2 * chart.bars[2].height)


def test_an_empty_chart_has_no_bars_and_a_sane_axis() -> None:
    chart = charts.hbar([])
    assert chart.bars == [] and chart.ticks[-1].value == 1


def test_stacked_rows_split_the_full_width_by_share() -> None:
    chart = charts.stacked_share(
        [
            ("p", [("x", 1, "#000000"), ("y", 3, "#ffffff")]),
            ("q", [("x", 0, "#000000"), ("y", 0, "#ffffff")]),
        ]
    )
    full = chart.plot_right - chart.plot_left
    first, empty = chart.rows
    assert [s.width for s in first.segments] == pytest.approx([full / 4, 3 * full / 4])
    assert empty.segments == [] and empty.total == 0


def test_without_dates_the_last_four_weeks_are_drawn() -> None:
    days = Filters().days(dt.date(2026, 3, 31))
    assert (days[0], days[-1], len(days)) == (dt.date(2026, 3, 4), dt.date(2026, 3, 31), 28)


def test_a_long_range_draws_its_last_days_only() -> None:
    days = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31)).days(
        dt.date(2026, 3, 31)
    )
    assert len(days) == MAX_DAYS and days[-1] == dt.date(2025, 12, 31)


def test_a_start_date_in_the_future_still_draws_that_day() -> None:
    assert Filters(date_from=dt.date(2027, 1, 1)).days(dt.date(2026, 3, 31)) == [
        dt.date(2027, 1, 1)
    ]


def test_the_range_ends_after_its_last_day() -> None:
    f = Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 1))
    assert f.end() - f.start() == dt.timedelta(days=1)
