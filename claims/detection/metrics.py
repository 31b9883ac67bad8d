"""Evaluation measures for a check-worthiness detector, in NumPy (no scikit-learn).

All measures concern the check-worthy class (label 1).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["brier", "classification_report", "reliability_table", "roc_auc"]

Floats = NDArray[np.float64]


def roc_auc(y: Floats, p: Floats) -> float:
    """Area under the ROC curve: the chance that a random positive outranks a random negative.

    Ties count one half (the Mann-Whitney statistic with mid-ranks).
    """
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    # mid-ranks for ties
    _, first, counts = np.unique(sorted_p, return_index=True, return_counts=True)
    mid = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(mid, counts)
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def average_precision(y: Floats, p: Floats) -> float:
    """Mean of the precision at each positive, ranking by score (ties broken stably)."""
    if y.sum() == 0:
        return float("nan")
    order = np.argsort(-p, kind="mergesort")
    hits = y[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def precision_at(y: Floats, p: Floats, k: int) -> float:
    order = np.argsort(-p, kind="mergesort")[:k]
    return float(y[order].mean()) if len(order) else float("nan")


def brier(y: Floats, p: Floats) -> float:
    return float(np.mean((p - y) ** 2))


def classification_report(
    y: Floats, p: Floats, threshold: float, ks: tuple[int, ...] = (10, 50, 100)
) -> dict[str, float]:
    """Precision, recall, F1 at the threshold; ROC AUC, AP, Brier and precision at k."""
    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report = {
        "n": float(len(y)),
        "positives": float(y.sum()),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "roc_auc": roc_auc(y, p),
        "average_precision": average_precision(y, p),
        "brier": brier(y, p),
    }
    for k in ks:
        if k <= len(y):
            report[f"p@{k}"] = precision_at(y, p, k)
    return report


def reliability_table(y: Floats, p: Floats, bins: int = 10) -> list[dict[str, float]]:
    """Per equal-width probability bin: count, mean predicted and observed frequency."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        mask = which == b
        n = int(mask.sum())
        rows.append(
            {
                "low": float(edges[b]),
                "high": float(edges[b + 1]),
                "n": float(n),
                "predicted": float(p[mask].mean()) if n else float("nan"),
                "observed": float(y[mask].mean()) if n else float("nan"),
            }
        )
    return rows
