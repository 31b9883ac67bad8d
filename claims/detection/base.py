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

# Claim types, after Full Fact's annotation schema (Konstantinovskiy et al., "Toward
# Automated Factchecking", 2021).  Stable slugs: they are stored and exported.
CLAIM_TYPES = (
    "quantity",
    "correlation_causation",
    "laws_rules",
    "prediction",
    "personal_experience",
    "other",
    "not_claim",
)
# Each type in a fact-checker's words (the schema's own names).
CLAIM_TYPE_LABELS = {
    "quantity": "quantity in the past or present",
    "correlation_causation": "correlation or causation",
    "laws_rules": "current laws or rules",
    "prediction": "prediction",
    "personal_experience": "personal experience",
    "other": "other claim",
    "not_claim": "not a claim",
}


@dataclass(frozen=True, slots=True)
class Detection:
    score: float
    checkworthy: bool
    reasons: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    # One of CLAIM_TYPES (``types.claim_type``); last and defaulted so that
    # positional construction keeps working, though every detector sets it.
    claim_type: str = "not_claim"


@runtime_checkable
class Detector(Protocol):
    version: str

    def detect(self, texts: list[str]) -> list[Detection]: ...
