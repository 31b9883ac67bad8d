"""Geometry for the dashboard's SVG charts (pure Python, no Django).

The templates draw what these functions compute, so each bar's size follows
from the very number that its text table prints: both come from one list of
``(label, value)`` items.  Coordinates are in SVG user units; the SVG scales
with its ``viewBox``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

PALETTE = [
    "#0b5cad",
    "#b35900",
    "#116329",
    "#8250df",
    "#a40e26",
    "#1b7c83",
    "#7d4e00",
    "#57606a",
    "#bf3989",
    "#4d2d00",
]


def nice_max(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^k at or above ``value`` (an axis end)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))  # pragma: no cover - the loop ends at 10


def _ticks(top: float, count: int = 4) -> list[float]:
    return [top * i / count for i in range(count + 1)]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    colour: str
    shown: str = ""

    def __post_init__(self) -> None:
        # Two decimals are plenty on screen and keep the SVG small.
        for name in ("x", "y", "width", "height"):
            object.__setattr__(self, name, round(getattr(self, name), 2))

    @property
    def centre_x(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def centre_y(self) -> float:
        return round(self.y + self.height / 2, 2)

    @property
    def end_x(self) -> float:
        return round(self.x + self.width + 4, 2)


@dataclass(frozen=True)
class Tick:
    value: float
    position: float
    shown: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick] = field(default_factory=list)
    label_width: float = 0
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0

    @property
    def label_x(self) -> float:
        return self.label_width - 6


def _shown(value: float) -> str:
    """1,234 for whole numbers; at most two decimals otherwise (2.5, 0.75)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def hbar(
    items: Sequence[tuple[str, float]],
    *,
    colours: Sequence[str] | None = None,
    width: float = 560,
    bar: float = 22,
    gap: float = 8,
    label_width: float = 150,
) -> Chart:
    """Horizontal bars, one per item, from a common zero on the left."""
    top_value = nice_max(max((v for _, v in items), default=0))
    left, right, top = label_width, width - 60, 6
    plot = right - left
    bars = []
    for i, (label, value) in enumerate(items):
        colour = colours[i] if colours else PALETTE[0]
        bars.append(
            Bar(
                label,
                value,
                left,
                top + i * (bar + gap),
                plot * value / top_value,
                bar,
                colour,
                _shown(value),
            )
        )
    height = top + len(items) * (bar + gap) + 22
    ticks = [Tick(t, round(left + plot * t / top_value, 2), _shown(t)) for t in _ticks(top_value)]
    return Chart(width, height, bars, ticks, label_width, left, right, top, height - 18)


def vbar(
    items: Sequence[tuple[str, float]],
    *,
    width: float = 640,
    height: float = 220,
    colour: str = PALETTE[0],
    label_every: int | None = None,
) -> Chart:
    """Vertical bars over a category axis (days), with value ticks on the left."""
    top_value = nice_max(max((v for _, v in items), default=0))
    left, right, top, bottom = 44, width - 8, 8, height - 28
    slot = (right - left) / max(len(items), 1)
    every = label_every or max(1, math.ceil(len(items) / 10))
    bars = []
    for i, (label, value) in enumerate(items):
        h = (bottom - top) * value / top_value
        bars.append(
            Bar(
                label if i % every == 0 else "",
                value,
                left + i * slot + slot * 0.1,
                bottom - h,
                slot * 0.8,
                h,
                colour,
                _shown(value),
            )
        )
    ticks = [
        Tick(t, round(bottom - (bottom - top) * t / top_value, 2), _shown(t))
        for t in _ticks(top_value)
    ]
    return Chart(width, height, bars, ticks, 0, left, right, top, bottom)


@dataclass(frozen=True)
class StackedRow:
    label: str
    total: float
    y: float
    segments: list[Bar]


@dataclass(frozen=True)
class StackedChart:
    width: float
    height: float
    rows: list[StackedRow]
    label_width: float
    plot_left: float
    plot_right: float

    @property
    def label_x(self) -> float:
        return self.label_width - 6


def stacked_share(
    rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]],
    *,
    width: float = 640,
    bar: float = 20,
    gap: float = 8,
    label_width: float = 170,
) -> StackedChart:
    """One 100 % bar per row, split into its series (label, value, colour) by share."""
    left, right, top = label_width, width - 50, 4
    plot = right - left
    out = []
    for i, (label, series) in enumerate(rows):
        total = sum(v for _, v, _ in series)
        x, segments = left, []
        y = top + i * (bar + gap)
        for name, value, colour in series:
            w = plot * value / total if total else 0
            if value:
                segments.append(Bar(name, value, x, y, w, bar, colour, _shown(value)))
            x += w
        out.append(StackedRow(label, total, y, segments))
    return StackedChart(width, top + len(rows) * (bar + gap) + 4, out, label_width, left, right)
