"""What the detectors' tests share: sentences of the sample article, how they read spans,
and where the ClaimBuster data is."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.detection import Detection
from claims.detection.training.datasets import default_data_dir
from tests.environment import IN_CI

KILLED = (
    "After the pro-Kremlin president stepped down, the ongoing conflict in the eastern part "
    "of the country erupted, killing more than 13,000 people since 2014."
)
FUNDING = (
    "But Washington helped train the Ukrainian army and promised to provide more than "
    "$2.5 billion in funding to support the army that collapsed after Russia annexed "
    "Ukraine\u2019s Crimea peninsula in 2014."
)


def spans_of(text: str, detection: Detection) -> set[tuple[str, str]]:
    """The detection's spans as (the text they cover, their kind)."""
    return {(text[start:end], kind) for start, end, kind in detection.spans}


def claimbuster_dir(needed_for: str) -> Path:
    """The ClaimBuster folder; a skip where it is missing, a failure under CI, which must
    check ``needed_for``."""
    data_dir = default_data_dir()
    if not (data_dir / "groundtruth.tsv").exists():
        reason = f"the ClaimBuster data is not at {data_dir} (set CLAIMBUSTER_DATA)"
        if IN_CI:
            pytest.fail(f"{reason}; CI must check {needed_for}")
        pytest.skip(reason)
    return data_dir
