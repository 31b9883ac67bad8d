"""Sentences of the sample article that the detectors' tests share, and how they read spans."""

from __future__ import annotations

from claims.detection import Detection

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
