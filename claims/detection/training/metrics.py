"""Evaluation measures for a check-worthiness detector (scikit-learn's, plus two of ours).

All measures concern the check-worthy class (label 1).  Precision, recall, F1,
ROC AUC, average precision and the Brier score are scikit-learn's; precision at
k and the reliability table (with the count of each bin) are computed here.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    precision_recall_fscore_support,
    roc_auc_score,
)

__all__ = ["classification_report", "precision_at", "reliability_table"]

Floats = NDArray[np.float64]


def precision_at(y: Floats, p: Floats, k: int) -> float:
    """Share of check-worthy sentences among the k best scored (ties broken stably)."""
    order = np.argsort(-p, kind="mergesort")[:k]
    return float(y[order].mean()) if len(order) else float("nan")


def classification_report(
    y: Floats, p: Floats, threshold: float, ks: tuple[int, ...] = (10, 50, 100)
) -> dict[str, float]:
    """Precision, recall, F1 at the threshold; ROC AUC, AP, Brier and precision at k."""
    both_classes = 0 < y.sum() < len(y)
    precision, recall, f1, _ = precision_recall_fscore_support(
        y, (p >= threshold).astype(np.float64), average="binary", zero_division=0.0
    )
    report = {
        "n": float(len(y)),
        "positives": float(y.sum()),
        "precision": float(precision),
        "recall": float(recall),
        "f1": float(f1),
        "roc_auc": float(roc_auc_score(y, p)) if both_classes else float("nan"),
        "average_precision": float(average_precision_score(y, p)) if y.sum() else float("nan"),
        "brier": float(brier_score_loss(y, p)) if len(y) else float("nan"),
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
