"""The trained check-worthiness model: TF-IDF n-grams plus transparent features (no Django).

Inference needs only NumPy and the standard library.  The model is one
compressed NumPy file (``data/model-claimbuster.npz``, no pickle) holding the
vocabulary, the IDF weights, the logistic-regression weights, the calibration
and a JSON record of how it was built (data hashes, parameters, metrics).
``manage.py train_detector`` rebuilds it; see ``training.py``.

A sentence's input is its word 1-2-grams (numbers folded to ``<num>`` and
``<year>`` so that "13,000" and "2,500" teach the same thing), weighted by
TF-IDF, beside the numbers of ``features.feature_vector`` (quantities, dates,
comparisons, attributions, predictions, opinions, ...).  The decision value is
calibrated with Platt scaling fitted on out-of-fold predictions, so the score
is a probability.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .base import Detection
from .features import FEATURE_NAMES, Analysis, analyse, explain, feature_vector
from .features import threshold_from_env as _threshold_from_env

__all__ = ["DEFAULT_MODEL_PATH", "ModelDetector", "Vectoriser", "load_model", "model_terms"]

DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "model-claimbuster.npz"
FORMAT = "claimdesk-checkworthiness-1"
_YEAR_RE = re.compile(r"^(?:1[6-9]|20)[0-9]{2}s?$")
_DIGIT_RE = re.compile(r"[0-9]")


def _fold_number(word: str) -> str:
    if _DIGIT_RE.search(word) is None:
        return word
    return "<year>" if _YEAR_RE.match(word) else "<num>"


def model_terms(a: Analysis) -> list[str]:
    """The word 1- and 2-grams of a sentence, numbers folded."""
    words = [_fold_number(word) for word in a.lower]
    return words + [f"{x} {y}" for x, y in itertools.pairwise(words)]


@dataclass(slots=True)
class Vectoriser:
    """Terms to L2-normalised TF-IDF weights, with sublinear term frequency."""

    terms: list[str]
    idf: list[float]
    sublinear: bool = True
    index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.index = {term: i for i, term in enumerate(self.terms)}

    @classmethod
    def fit(cls, docs: list[list[str]], min_df: int, sublinear: bool = True) -> Vectoriser:
        df: dict[str, int] = {}
        for doc in docs:
            for term in set(doc):
                df[term] = df.get(term, 0) + 1
        terms = sorted(term for term, count in df.items() if count >= min_df)
        n = len(docs)
        idf = [math.log((1 + n) / (1 + df[term])) + 1.0 for term in terms]
        return cls(terms, idf, sublinear)

    def weights(self, doc: Iterable[str]) -> dict[int, float]:
        counts: dict[int, int] = {}
        index = self.index
        for term in doc:
            i = index.get(term)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        idf = self.idf
        if self.sublinear:
            row = {i: (1.0 + math.log(c)) * idf[i] for i, c in counts.items()}
        else:
            row = {i: c * idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in row.values()))
        return {i: v / norm for i, v in row.items()} if norm else row


def row_for(vectoriser: Vectoriser, a: Analysis, dense_scale: float) -> dict[int, float]:
    """One sentence's model input: TF-IDF terms, then the scaled transparent features."""
    row = vectoriser.weights(model_terms(a))
    offset = len(vectoriser.terms)
    for j, value in enumerate(feature_vector(a)):
        if value:
            row[offset + j] = value * dense_scale
    return row


@dataclass(slots=True)
class Model:
    """Everything needed to score a sentence, as loaded from the model file."""

    vectoriser: Vectoriser
    coef: list[float]
    intercept: float
    platt: tuple[float, float]
    dense_scale: float
    meta: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.meta["version"])

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    def decision(self, row: dict[int, float]) -> float:
        coef = self.coef
        return self.intercept + sum(coef[i] * v for i, v in row.items())

    def probability(self, z: float) -> float:
        a, b = self.platt
        t = a * z + b
        return 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            **self.meta,
            "format": FORMAT,
            "intercept": self.intercept,
            "platt": list(self.platt),
            "dense_scale": self.dense_scale,
            "features": list(FEATURE_NAMES),
            "sublinear_tf": self.vectoriser.sublinear,
        }
        vocab = "\n".join(self.vectoriser.terms).encode("utf-8")
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                vocab=np.frombuffer(vocab, dtype=np.uint8),
                idf=np.asarray(self.vectoriser.idf, dtype=np.float64),
                coef=np.asarray(self.coef, dtype=np.float64),
                meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8),
            )


def model_fingerprint(meta: dict[str, Any]) -> str:
    """A short stable id of what the model was built from: data, parameters, features."""
    basis = {key: meta[key] for key in ("data", "params", "features_version")}
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()[:10]


def load_model(path: Path | str | None = None) -> Model:
    """Read a model file (never unpickles)."""
    with np.load(Path(path or DEFAULT_MODEL_PATH), allow_pickle=False) as npz:
        meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"Not a {FORMAT} model file: format {meta.get('format')!r}")
        if meta.get("features") != list(FEATURE_NAMES):
            raise ValueError("The model was trained on other features; rebuild it")
        terms = npz["vocab"].tobytes().decode("utf-8").split("\n")
        vectoriser = Vectoriser(terms, npz["idf"].tolist(), bool(meta["sublinear_tf"]))
        coef = npz["coef"].tolist()
    return Model(
        vectoriser,
        coef,
        float(meta["intercept"]),
        tuple(meta["platt"]),
        float(meta["dense_scale"]),
        meta,
    )


class ModelDetector:
    """The trained detector: calibrated probability, plain-words reasons, checkable spans."""

    def __init__(self, path: Path | str | None = None, threshold: float | None = None) -> None:
        self.model = load_model(path)
        self.version = f"model-{self.model.version}"
        self.threshold = (
            threshold if threshold is not None else _threshold_from_env(self.model.threshold)
        )
        self._n_terms = len(self.model.vectoriser.terms)

    def _word_reasons(self, row: dict[int, float]) -> list[str]:
        coef, terms = self.model.coef, self.model.vectoriser.terms
        parts = sorted(
            ((coef[i] * v, terms[i]) for i, v in row.items() if i < self._n_terms),
            reverse=True,
        )
        towards = [f"'{t}'" for c, t in parts[:3] if c > 0.15]
        against = [f"'{t}'" for c, t in parts[::-1][:3] if c < -0.15]
        reasons = []
        if towards:
            reasons.append("wording typical of checkable claims: " + ", ".join(towards))
        if against:
            reasons.append("wording typical of talk, not claims: " + ", ".join(against))
        return reasons

    def detect(self, texts: list[str]) -> list[Detection]:
        model = self.model
        out: list[Detection] = []
        for text in texts:
            a = analyse(text)
            if not a.words:
                out.append(Detection(0.0, False, explain(a), list(a.spans)))
                continue
            row = row_for(model.vectoriser, a, model.dense_scale)
            score = model.probability(model.decision(row))
            reasons = explain(a) + self._word_reasons(row)
            out.append(Detection(score, score >= self.threshold, reasons, list(a.spans)))
        return out
