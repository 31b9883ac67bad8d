"""Cutting an article body into pieces for the page, from offsets.

The template renders each piece's text with auto-escaping; nothing here marks
text safe.  Gaps between sentences (spaces, newlines) are pieces of their own,
so the page shows the body exactly as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import Claim, Sentence


@dataclass(frozen=True)
class Segment:
    text: str
    sentence: Sentence | None = None
    claim: Claim | None = None

    @property
    def tint(self) -> int:
        """Score bucket 0-4 for the sentence's background (none when unscored)."""
        if self.sentence is None or self.sentence.score is None:
            return -1
        return min(4, int(self.sentence.score * 5))


def body_segments(body: str, sentences: list[Sentence], claims: list[Claim]) -> list[Segment]:
    detected = {c.sentence_id: c for c in claims if c.origin == "detected"}
    segments: list[Segment] = []
    cursor = 0
    for sentence in sentences:
        if sentence.start > cursor:
            segments.append(Segment(body[cursor : sentence.start]))
        segments.append(
            Segment(body[sentence.start : sentence.end], sentence, detected.get(sentence.pk))
        )
        cursor = max(cursor, sentence.end)
    if cursor < len(body):
        segments.append(Segment(body[cursor:]))
    return segments
