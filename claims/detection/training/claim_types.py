"""How the detector's claim types and suggestions compare with the labelled news set.

Plain Python (no scikit-learn), so that ``evaluate_detector --claimants-only`` needs no
training extra. The labels: ``datasets.load_labels`` (Full Fact's types and a priority).
"""

from __future__ import annotations

from ..base import CLAIM_TYPES

_CORNER = "gold / predicted"


def type_confusion(gold: list[str], predicted: list[str]) -> str:
    """The claim-type confusion table (rows gold, columns predicted), then each type's
    precision and recall.

    Types are ``CLAIM_TYPES`` in their order, then any other label found (so a typo
    in a labels file shows, rather than vanishing); a type with no sentence in
    either list is left out.  Precision or recall with nothing to divide by is "-".
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold types but {len(predicted)} predicted")
    seen = set(gold) | set(predicted)
    types = [t for t in CLAIM_TYPES if t in seen] + sorted(seen - set(CLAIM_TYPES))
    counts: dict[tuple[str, str], int] = {}
    for g, p in zip(gold, predicted, strict=True):
        counts[g, p] = counts.get((g, p), 0) + 1
    width = max([len(_CORNER), *(len(t) for t in types)])
    cell = max([5, *(len(t) for t in types)])
    head = f"{_CORNER:{width}} " + " ".join(f"{t:>{cell}}" for t in types)
    lines = [head, "-" * len(head)]
    for g in types:
        row = " ".join(f"{counts.get((g, p), 0):{cell}d}" for p in types)
        lines.append(f"{g:{width}} {row}")

    def ratio(num: int, den: int) -> str:
        return f"{num / den:9.3f}" if den else f"{'-':>9}"

    lines.append("")
    lines.append(f"{'type':{width}} {'gold':>5} {'predicted':>9} {'precision':>9} {'recall':>9}")
    for t in types:
        hit = counts.get((t, t), 0)
        n_gold = sum(counts.get((t, p), 0) for p in types)
        n_pred = sum(counts.get((g, t), 0) for g in types)
        lines.append(
            f"{t:{width}} {n_gold:5d} {n_pred:9d} {ratio(hit, n_pred)} {ratio(hit, n_gold)}"
        )
    correct = sum(counts.get((t, t), 0) for t in types)
    lines.append(f"accuracy {ratio(correct, len(gold)).strip()} over {len(gold)} sentences")
    return "\n".join(lines)


def suggestion_figures(priorities: list[str], suggested: list[bool]) -> str:
    """Suggestions per 100 sentences, and their precision and recall on the sentences a
    fact-checker would pick first (priority ``high``)."""
    if len(priorities) != len(suggested):
        raise ValueError(f"{len(priorities)} priorities but {len(suggested)} suggestions")
    n, made = len(priorities), sum(suggested)
    high = sum(p == "high" for p in priorities)
    hits = sum(s and p == "high" for p, s in zip(priorities, suggested, strict=True))
    per_100 = 100 * made / n if n else 0.0
    precision = f"{hits / made:.3f}" if made else "-"
    recall = f"{hits / high:.3f}" if high else "-"
    return (
        f"suggestions: {made} of {n} sentences ({per_100:.1f} per 100); on high priority "
        f"({high} sentences): precision {precision}, recall {recall}"
    )
