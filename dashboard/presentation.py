"""From the selectors' figures to what the templates draw: chart geometry and table rows.

Each chart and its text table are built from the same list of numbers here,
so the picture and the table cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claims.models import ClaimStatus
from dashboard import charts
from dashboard.selectors.desk import Backlog, Distribution, Throughput, Turnaround
from dashboard.selectors.quality import Agreement, DetectorQuality, Disagreement

STATUS_COLOURS: dict[str, str] = {
    ClaimStatus.NEW: "#57606a",
    ClaimStatus.IN_REVIEW: "#b35900",
    ClaimStatus.REVIEWED: "#0b5cad",
    ClaimStatus.PUBLISHED: "#116329",
    ClaimStatus.DISMISSED: "#8c959f",
}


def duration(value: dt.timedelta | None) -> str:
    """A span of time as a person says it: 45 min, 3.5 h, 2.1 days."""
    if value is None:
        return "—"
    seconds = value.total_seconds()
    if seconds < 3600:
        return f"{max(seconds, 0) / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def backlog_chart(backlog: Backlog) -> charts.Chart:
    items = [(label, n) for _, label, n in backlog.by_status]
    return charts.hbar(items, colours=[STATUS_COLOURS[v] for v, _, _ in backlog.by_status])


def throughput_chart(throughput: Throughput) -> charts.Chart:
    items = [(f"{d:%d %b}", n) for d, n in zip(throughput.days, throughput.totals, strict=True)]
    return charts.vbar(items)


def throughput_rows(throughput: Throughput) -> list[tuple[dt.date, list[int], int]]:
    """One row per day: each reviewer's count, then the day's total (the bar's height)."""
    return [
        (day, [counts[i] for _, counts, _ in throughput.reviewers], throughput.totals[i])
        for i, day in enumerate(throughput.days)
    ]


def verdict_charts(distribution: Distribution) -> tuple[charts.Chart, charts.StackedChart]:
    overall = charts.hbar(
        [(v.name, n) for v, n in distribution.overall],
        colours=[v.colour for v, _ in distribution.overall],
    )
    rows = [
        (name, [(v.name, n, v.colour) for v, n in counts])
        for name, counts, _ in distribution.by_publisher
    ]
    return overall, charts.stacked_share(rows)


def detector_chart(detector: DetectorQuality) -> charts.Chart:
    c = detector.overall
    items = [
        ("Precision", round(c.precision or 0.0, 2)),
        ("Recall", round(c.recall or 0.0, 2)),
        ("F1", round(c.f1 or 0.0, 2)),
    ]
    return charts.hbar(items, colours=["#0b5cad", "#b35900", "#116329"])


def desk_context(
    *,
    backlog: Backlog,
    pending: tuple[list[Any], int],
    throughput: Throughput,
    turnaround: Turnaround,
    distribution: Distribution,
    agreement: Agreement,
    disagreements: tuple[list[Disagreement], int],
    detector: DetectorQuality,
) -> dict[str, Any]:
    """Everything the editor's page shows, with each chart beside the numbers it draws."""
    verdicts_overall, verdicts_by_publisher = verdict_charts(distribution)
    return {
        "backlog": backlog,
        "backlog_chart": backlog_chart(backlog),
        "pending": pending[0],
        "pending_total": pending[1],
        "throughput": throughput,
        "throughput_chart": throughput_chart(throughput),
        "throughput_rows": throughput_rows(throughput),
        "turnaround": turnaround,
        "median": duration(turnaround.median),
        "p90": duration(turnaround.p90),
        "distribution": distribution,
        "verdicts_overall": verdicts_overall,
        "verdicts_by_publisher": verdicts_by_publisher,
        "agreement": agreement,
        "disagreements": disagreements[0],
        "disagreements_total": disagreements[1],
        "detector": detector,
        "detector_chart": detector_chart(detector),
    }
