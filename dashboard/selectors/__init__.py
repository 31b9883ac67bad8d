"""Reads for the dashboard: every figure is an aggregate computed by the database.

``queue`` serves the reviewer's page; ``desk`` and ``quality`` the editor's.
Each function issues a fixed number of queries, whatever the number of claims.
"""

from dashboard.selectors.desk import (
    backlog,
    pending_articles,
    publishers,
    throughput,
    time_to_verdict,
    verdict_distribution,
)
from dashboard.selectors.quality import agreement, detector_quality, disagreements
from dashboard.selectors.queue import BANDS, my_activity, my_queue

__all__ = [
    "BANDS",
    "agreement",
    "backlog",
    "detector_quality",
    "disagreements",
    "my_activity",
    "my_queue",
    "pending_articles",
    "publishers",
    "throughput",
    "time_to_verdict",
    "verdict_distribution",
]
