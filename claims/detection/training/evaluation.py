"""Evaluate a model beside a plain TF-IDF baseline and the hand-weighted features detector."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from ..features import FeatureDetector, analyse
from ..model import Model
from .datasets import Dataset
from .metrics import classification_report, reliability_table

__all__ = [
    "Baseline",
    "evaluate",
    "features_report",
    "format_held_out_debates",
    "format_report",
    "model_scores",
]


class Baseline:
    """Plain TF-IDF word 1-2-grams with logistic regression (scikit-learn's defaults)."""

    def __init__(self, train: Dataset) -> None:
        self.pipeline: Pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1_000)
        )
        self.pipeline.fit(train.texts, train.y.astype(np.int64))

    def scores(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.pipeline.predict_proba(texts)[:, 1], np.float64)


def model_scores(model: Model, texts: list[str]) -> np.ndarray:
    """Calibrated probabilities of the texts, scored as one batch."""
    if not texts:
        return np.zeros(0)
    z, _, _ = model.decisions([analyse(t) for t in texts])
    return model.probabilities(z)


def evaluate(model: Model, splits: dict[str, Dataset], baseline: Baseline | None) -> dict[str, Any]:
    """Per split: the model's report and reliability table, and the baseline's report."""
    results: dict[str, Any] = {}
    for name, split in splits.items():
        p = model_scores(model, split.texts)
        entry: dict[str, Any] = {
            "model": classification_report(split.y, p, model.threshold),
            "reliability": reliability_table(split.y, p),
        }
        if baseline is not None:
            entry["baseline"] = classification_report(split.y, baseline.scores(split.texts), 0.5)
        results[name] = entry
    return results


def features_report(split: Dataset) -> dict[str, float]:
    """The transparent, hand-weighted detector on a split, for comparison."""
    detector = FeatureDetector(threshold=0.5)
    p = np.asarray([d.score for d in detector.detect(split.texts)])
    return classification_report(split.y, p, 0.5)


_COLUMNS = (
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "average_precision",
    "brier",
    "p@10",
    "p@50",
    "p@100",
)


def format_report(results: dict[str, Any], reliability: bool = True) -> str:
    """A plain-text table of each split's figures, detectors side by side."""
    head = f"{'split':10} {'detector':9} {'n':>5} {'yes':>4} " + " ".join(
        f"{c.replace('average_precision', 'AP'):>8}" for c in _COLUMNS
    )
    lines = [head, "-" * len(head)]
    for split, entry in results.items():
        for detector in ("model", "baseline", "base+news", "features"):
            if detector not in entry:
                continue
            r = entry[detector]
            cells = " ".join(f"{r[c]:8.3f}" if c in r else f"{'-':>8}" for c in _COLUMNS)
            lines.append(
                f"{split:10} {detector:9} {int(r['n']):5d} {int(r['positives']):4d} {cells}"
            )
    if reliability:
        for split, entry in results.items():
            lines.append(
                f"\nReliability of the model's scores on {split} "
                f"(Brier {entry['model']['brier']:.4f}):"
            )
            lines.append(f"  {'bin':>11} {'n':>6} {'predicted':>10} {'observed':>9}")
            for row in entry["reliability"]:
                if row["n"]:
                    lines.append(
                        f"  {row['low']:.1f} - {row['high']:.1f} {int(row['n']):6d} "
                        f"{row['predicted']:10.3f} {row['observed']:9.3f}"
                    )
    return "\n".join(lines)


_HELD_OUT_ROWS = (
    ("test", "model", "random held-out tenth", "model (shipped)"),
    ("test", "baseline", "random held-out tenth", "TF-IDF baseline"),
    ("debates", "model", "held-out debates", "model (debates held out)"),
    ("debates", "baseline", "held-out debates", "TF-IDF baseline (debates held out)"),
)


def format_held_out_debates(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """``training.fit.held_out_debates``' figures as one table."""
    head = (
        f"{'split':21} {'detector':34} {'n':>5} {'yes':>5} "
        f"{'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>6} {'AP':>6}"
    )
    lines = [head, "-" * len(head)]
    for split, detector, split_label, detector_label in _HELD_OUT_ROWS:
        r = results[split][detector]
        lines.append(
            f"{split_label:21} {detector_label:34} {int(r['n']):5d} {int(r['positives']):5d} "
            f"{r['threshold']:9.2f} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f} "
            f"{r['average_precision']:6.3f}"
        )
    return "\n".join(lines)
