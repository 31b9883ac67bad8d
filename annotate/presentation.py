"""The article body cut into runs for the desk, from code-point offsets.

Each run is a stretch of the body with one sentence (for the tint) and one set of
covering claims (for underline and highlight).  The template prints each run's
text with auto-escaping; nothing here marks text safe.  The runs, concatenated,
are exactly the body, which is what lets the page's script turn a selection
back into offsets.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from annotate.selectors import ClaimView
from claims.models import ClaimStatus, Sentence


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    tint: int
    sentence: Sentence | None
    opens: bool
    closes: bool
    claim_ids: tuple[int, ...]
    top: ClaimView | None
    suggested: bool

    @property
    def sentence_index(self) -> int | None:
        return self.sentence.index if self.sentence is not None else None

    @property
    def plain(self) -> bool:
        return not self.claim_ids


def tint(score: float | None) -> int:
    """Score bucket 0-4 for a sentence's background; -1 when unscored."""
    return -1 if score is None else min(4, int(score * 5))


def _shown(views: Iterable[ClaimView]) -> list[ClaimView]:
    return [v for v in views if v.claim.status != ClaimStatus.DISMISSED]


def body_runs(body: str, sentences: list[Sentence], views: list[ClaimView]) -> list[Run]:
    """Cut ``body`` at every sentence and claim boundary (sentences and claims sorted by start)."""
    shown = _shown(views)
    cuts = {0, len(body)}
    for each in sentences:
        cuts.update((each.start, each.end))
    for view in shown:
        cuts.update((view.claim.start, view.claim.end))
    points = sorted(c for c in cuts if 0 <= c <= len(body))
    runs: list[Run] = []
    s_i = c_i = 0
    active: list[tuple[int, int, ClaimView]] = []  # heap of (end, order, view)
    for start, end in itertools.pairwise(points):
        while s_i < len(sentences) and sentences[s_i].end <= start:
            s_i += 1
        inside = s_i < len(sentences) and sentences[s_i].start <= start
        sentence = sentences[s_i] if inside else None
        while c_i < len(shown) and shown[c_i].claim.start <= start:
            heapq.heappush(active, (shown[c_i].claim.end, c_i, shown[c_i]))
            c_i += 1
        while active and active[0][0] <= start:
            heapq.heappop(active)
        runs.append(_run(body, start, end, sentence, [v for _, _, v in active]))
    return runs


def _run(
    body: str, start: int, end: int, sentence: Sentence | None, covering: list[ClaimView]
) -> Run:
    marked = [v for v in covering if not v.is_suggestion]
    # The shortest marked claim is drawn on top: it is the most specific statement.
    top = min(marked, key=lambda v: (v.claim.end - v.claim.start, v.claim.pk), default=None)
    return Run(
        text=body[start:end],
        start=start,
        tint=tint(sentence.score) if sentence is not None else -1,
        sentence=sentence,
        opens=sentence is not None and sentence.start == start,
        closes=sentence is not None and sentence.end == end,
        claim_ids=tuple(sorted(v.claim.pk for v in covering)),
        top=top,
        suggested=any(v.is_suggestion for v in covering),
    )


def render_body(runs: list[Run]) -> str:
    """The body's HTML: every piece of text escaped, attributes from integers and classes.

    Built here rather than in the template because a long article has thousands
    of runs, and the template engine spends ~0.3 ms on each.
    """
    parts: list[str] = []
    for run in runs:
        if run.opens and run.sentence is not None:
            parts.append(_open_sentence(run))
        if run.plain:
            parts.append(escape(run.text))
        else:
            parts.append(_claim_run(run))
        if run.closes:
            parts.append("</span>")
    return mark_safe("".join(parts))  # noqa: S308 - every text piece above is escaped


def _open_sentence(run: Run) -> str:
    sentence = run.sentence
    assert sentence is not None
    classes = "s" if run.tint < 0 else f"s t{run.tint}"
    title = (
        "" if sentence.score is None else f' title="check-worthiness {float(sentence.score):.2f}"'
    )
    return (
        f'<span class="{classes}" id="s{int(sentence.index)}" '
        f'data-start="{int(sentence.start)}" data-end="{int(sentence.end)}"{title}>'
    )


def _claim_run(run: Run) -> str:
    classes = ["r"]
    if run.suggested:
        classes.append("sg")
    top = ""
    if run.top is not None:
        classes.append("cl")
        verdict = run.top.verdict
        if verdict is not None:
            classes.append(f"vd-{int(verdict.pk)}")
        top = f' data-top="{int(run.top.claim.pk)}"'
    ids = " ".join(str(int(pk)) for pk in run.claim_ids)
    return f'<span class="{" ".join(classes)}" data-c="{ids}"{top}>{escape(run.text)}</span>'
