"""The check-worthiness detector contract (pure Python, no Django).

A detector takes a batch of sentences and returns one :class:`Detection` per
sentence, in the same order.  Offsets in ``spans`` are code-point offsets into
the sentence that was passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

# Kinds of checkable span a detector may report.  Stable strings: they are
# stored and exported.
SPAN_KINDS = (
    "quantity",  # a number with what it counts: "13,000 people"
    "money",  # "$2.5 billion"
    "percent",  # "40 percent", "3.5%"
    "date",  # "December 17", "2014", "last year"
    "timespan",  # "since 2014", "for three years"
    "comparison",  # "more than", "the largest", "higher than"
    "attribution",  # the claimant of an attributed statement: "Putin denied"
    "entity",  # a named organisation or institution
    "claimant",  # who made the claim, the name alone: "Joe Biden" in "US President Joe Biden said"
)


@dataclass(frozen=True, slots=True)
class Detection:
    score: float
    checkworthy: bool
    reasons: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)


@runtime_checkable
class Detector(Protocol):
    version: str

    def detect(self, texts: list[str]) -> list[Detection]: ...
