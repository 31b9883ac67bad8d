"""The trained check-worthiness model: n-grams, transparent features, embeddings (no Django).

Inference needs NumPy and ``tokenizers``.  The model is one compressed NumPy
file (``data/model-claimbuster.npz``, no pickle) holding the vocabulary, the
IDF weights, the logistic-regression weights, the calibration and a JSON record
of how it was built (data hashes, parameters, metrics).  It names the table of
static embeddings it was trained with (``data/embeddings-minilm-128.npz``, see
``embeddings.py``) by file name and SHA-256, and refuses any other table.
``manage.py train_detector`` rebuilds the model with scikit-learn (the
``training`` subpackage, never imported here); this module needs neither
scikit-learn nor SciPy.

A sentence's input is its word 1-2-grams (numbers folded to ``<num>`` and
``<year>`` so that "13,000" and "2,500" teach the same thing), weighted by
TF-IDF, beside the numbers of ``features.feature_vector`` (quantities, dates,
comparisons, attributions, predictions, opinions, ...) and the sentence's
static embedding (what it means, beyond its exact words).  The decision value
is calibrated with Platt scaling fitted on out-of-fold predictions, so the
score is a probability.

``ModelDetector.detect`` scores a whole batch at once (``Model.decisions``): the
only per-sentence Python work is the analysis and the term lookups; TF-IDF
weighting, normalisation, the dot products and the calibration run as a few
NumPy operations over the batch.  Training builds the same input as a SciPy
matrix (``training.fit.design_matrix``) and gives the same numbers.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .base import Detection
from .config import ENCODER_MODEL_PATH, MODEL_PATH
from .config import threshold_from_env as _threshold_from_env
from .embeddings import SOURCE, StaticEmbeddings
from .features import (
    FEATURE_NAMES,
    Analysis,
    analyse,
    checkable_spans,
    explain,
    feature_vector,
)
from .stopwords import is_stop_word
from .types import claim_type, typed_reasons

__all__ = [
    "DEFAULT_ENCODER_MODEL_PATH",
    "DEFAULT_MODEL_PATH",
    "EncoderModelDetector",
    "Model",
    "ModelDetector",
    "Vectoriser",
    "load_model",
    "model_terms",
]

DEFAULT_MODEL_PATH = MODEL_PATH
# The same model over the full encoder instead of the static table (optional extra).
DEFAULT_ENCODER_MODEL_PATH = ENCODER_MODEL_PATH
FORMAT = "claimdesk-checkworthiness-1"
_YEAR_RE = re.compile(r"^(?:1[6-9]|20)[0-9]{2}s?$")
_DIGIT_RE = re.compile(r"[0-9]")


def _fold_number(word: str) -> str:
    if _DIGIT_RE.search(word) is None:
        return word
    return "<year>" if _YEAR_RE.match(word) else "<num>"


def model_terms(a: Analysis) -> list[str]:
    """The word 1- and 2-grams of a sentence, numbers folded."""
    words = a.lower
    if _DIGIT_RE.search(" ".join(words)) is not None:  # most sentences hold no digit
        words = [_fold_number(word) for word in words]
    return words + [f"{x} {y}" for x, y in itertools.pairwise(words)]


@dataclass(slots=True)
class Vectoriser:
    """The fitted TF-IDF of the model file: vocabulary, IDF, sublinear term frequency.

    Training fits scikit-learn's ``TfidfVectorizer`` (smoothed IDF, L2 norm) and
    exports it to this; ``Model.decisions`` applies it to a batch in NumPy.
    """

    terms: list[str]
    idf: list[float]
    sublinear: bool = True
    index: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.index = {term: i for i, term in enumerate(self.terms)}


class Embedder(Protocol):
    """What the model needs of sentence embeddings: the static table or the encoder."""

    sha256: str

    @property
    def dims(self) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class BatchTerms:
    """Which term columns each sentence of a batch used, and what each added to its score.

    ``features`` holds, per sentence, what each of ``FEATURE_NAMES`` added.
    """

    rows: np.ndarray
    cols: np.ndarray
    contrib: np.ndarray
    features: np.ndarray

    def strong(self, limit: float) -> dict[int, list[tuple[float, int]]]:
        """Per sentence: (contribution, column) of the terms that moved it by more than limit."""
        pick = np.flatnonzero(np.abs(self.contrib) > limit)
        out: dict[int, list[tuple[float, int]]] = {}
        for r, c, col in zip(
            self.rows[pick].tolist(),
            self.contrib[pick].tolist(),
            self.cols[pick].tolist(),
            strict=True,
        ):
            out.setdefault(r, []).append((c, col))
        return out


@dataclass(slots=True)
class Model:
    """Everything needed to score a sentence, as loaded from the model file."""

    vectoriser: Vectoriser
    coef: list[float]
    intercept: float
    platt: tuple[float, float]
    dense_scale: float
    meta: dict[str, Any]
    embeddings: Embedder | None = None
    embedding_scale: float = 1.0
    _coef_np: np.ndarray | None = field(default=None, repr=False, compare=False)
    _idf_np: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def version(self) -> str:
        return str(self.meta["version"])

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    def decisions(self, analyses: list[Analysis]) -> tuple[np.ndarray, BatchTerms, np.ndarray]:
        """Decision values of many sentences at once, the terms and the embedding's share.

        The same numbers as the weights times ``training.fit.design_matrix(...)``, the
        rows training fits on (up to the order of floating-point sums), computed with a few NumPy
        operations per batch instead of Python dictionaries per sentence.
        """
        n = len(analyses)
        vectoriser = self.vectoriser
        n_terms = len(vectoriser.terms)
        get = vectoriser.index.get
        found: list[int] = []
        lengths = np.zeros(n, dtype=np.int64)
        for r, a in enumerate(analyses):
            ids = [i for i in map(get, model_terms(a)) if i is not None]
            lengths[r] = len(ids)
            found.extend(ids)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys, counts = np.unique(rows * n_terms + np.asarray(found, np.int64), return_counts=True)
        rows, cols = keys // n_terms, keys % n_terms
        idf = self._idf_array()
        values = idf[cols] * ((1.0 + np.log(counts)) if vectoriser.sublinear else counts)
        norm = np.sqrt(np.bincount(rows, values * values, n))
        values = values / np.where(norm > 0, norm, 1.0)[rows]
        coef = self._coef_array()
        contrib = coef[cols] * values
        z = np.bincount(rows, contrib, n) + self.intercept
        n_dense = len(FEATURE_NAMES)
        dense = np.asarray([feature_vector(a) for a in analyses], np.float64).reshape(n, -1)
        # Row-wise sums, not a matrix product: BLAS may add in another order for
        # another batch size, and a sentence must score the same in any batch.
        features = dense * (coef[n_terms : n_terms + n_dense] * self.dense_scale)
        z += features.sum(axis=1)
        meaning = np.zeros(n)
        if self.embeddings is not None:
            vectors = self.embeddings.encode([a.text for a in analyses])
            meaning = (vectors * (coef[n_terms + n_dense :] * self.embedding_scale)).sum(axis=1)
            z += meaning
        return z, BatchTerms(rows, cols, contrib, features), meaning

    def _coef_array(self) -> np.ndarray:
        if self._coef_np is None:
            self._coef_np = np.asarray(self.coef, np.float64)
        return self._coef_np

    def _idf_array(self) -> np.ndarray:
        if self._idf_np is None:
            self._idf_np = np.asarray(self.vectoriser.idf, np.float64)
        return self._idf_np

    def probabilities(self, z: np.ndarray) -> np.ndarray:
        a, b = self.platt
        t = a * np.asarray(z, np.float64) + b
        return np.exp(-np.logaddexp(0.0, -t))

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
            "embedding_scale": self.embedding_scale,
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
    basis = {key: meta.get(key) for key in ("data", "params", "features_version", "embeddings")}
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()[:10]


def embeddings_record(embeddings: Embedder, path: Path | None) -> dict[str, Any]:
    """What a model file records of the embeddings it was trained with."""
    if path is None:  # the full encoder, identified by its weights
        return {"encoder": SOURCE, "sha256": embeddings.sha256, "dims": embeddings.dims}
    return {"file": path.name, "sha256": embeddings.sha256, "dims": embeddings.dims}


def _load_encoder(record: dict[str, Any]) -> Embedder:
    from .encoder import SentenceEncoder

    encoder = SentenceEncoder()
    if encoder.sha256 != record["sha256"]:
        raise ValueError(
            f"The model was trained with other weights of {record['encoder']} "
            f"(found {encoder.sha256[:12]}, expected {record['sha256'][:12]}); rebuild it"
        )
    return encoder


def _load_embeddings(record: dict[str, Any] | None, folder: Path) -> Embedder | None:
    if record is None:
        return None
    if "encoder" in record:
        return _load_encoder(record)
    path = folder / record["file"]
    if not path.exists():
        path = DEFAULT_MODEL_PATH.with_name(record["file"])
    if not path.exists():
        raise ValueError(f"The model needs the embedding table {record['file']}, not found")
    embeddings = StaticEmbeddings.load(path)
    if embeddings.sha256 != record["sha256"]:
        raise ValueError(
            f"The model was trained with another embedding table than {path} "
            f"(sha256 {embeddings.sha256[:12]}, expected {record['sha256'][:12]}); rebuild it"
        )
    return embeddings


def load_model(path: Path | str | None = None) -> Model:
    """Read a model file and the embedding table it names (never unpickles)."""
    path = Path(path or DEFAULT_MODEL_PATH)
    with np.load(path, allow_pickle=False) as npz:
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
        _load_embeddings(meta.get("embeddings"), path.parent),
        float(meta.get("embedding_scale", 1.0)),
    )


# The embedding's share of a decision beyond which it is worth a reason of its own.
_MEANING_REASON = 1.0
_MEANING_FOR = "as a whole, it reads like the checkable claims the model learnt from"
_MEANING_AGAINST = "as a whole, it reads like talk or comment rather than a checkable claim"
_WORDS_FOR = "wording typical of checkable claims"


class ModelDetector:
    """The trained detector: calibrated probability, plain-words reasons, checkable spans."""

    def __init__(self, path: Path | str | None = None, threshold: float | None = None) -> None:
        self.model = load_model(path)
        self.version = f"model-{self.model.version}"
        self.threshold = (
            threshold if threshold is not None else _threshold_from_env(self.model.threshold)
        )
        self._n_terms = len(self.model.vectoriser.terms)
        self._quotable_terms: dict[str, bool] = {}

    def _word_reasons(self, a: Analysis, parts: list[tuple[float, int]]) -> list[tuple[float, str]]:
        """The wording that counts for a claim, with what its two strongest terms added.

        Among the terms beyond 0.15, only those of content words are quoted: a stop
        word, a number word or a folded number ("of [number]") says nothing a
        fact-checker can use (the number itself is a reason of its own).  Words
        against a claim are not quoted at all: a word the model weighs against
        ("winter", "officials") explains nothing to a reader; the cues do.
        """
        terms = self.model.vectoriser.terms
        towards = sorted(
            ((c, terms[i]) for c, i in parts if c > 0 and self._quotable(terms[i])), reverse=True
        )[:2]
        if not towards:
            return []
        written = dict(zip(a.lower, a.words, strict=True))  # "putin" as "Putin" wrote it
        quoted = ", ".join(
            "'" + " ".join(written.get(w, w) for w in t.split()) + "'" for _, t in towards
        )
        return [(sum(c for c, _ in towards), f"{_WORDS_FOR}: {quoted}")]

    def _quotable(self, term: str) -> bool:
        """A term made of content words only (cached: the vocabulary is fixed)."""
        known = self._quotable_terms.get(term)
        if known is None:
            known = all(
                not word.startswith("<") and not is_stop_word(word) for word in term.split()
            )
            self._quotable_terms[term] = known
        return known

    def scores(self, analyses: list[Analysis]) -> tuple[np.ndarray, BatchTerms, np.ndarray]:
        """Calibrated probabilities of analysed sentences (0 for one without words)."""
        z, terms, meaning = self.model.decisions(analyses)
        p = self.model.probabilities(z)
        p[[not a.words for a in analyses]] = 0.0
        return p, terms, meaning

    def detect(self, texts: list[str]) -> list[Detection]:
        analyses = [analyse(text) for text in texts]
        if not analyses:
            return []
        p, terms, meaning = self.scores(analyses)
        strong = terms.strong(0.15)
        threshold = self.threshold
        features = terms.features.tolist()
        out: list[Detection] = []
        for r, (a, score, m) in enumerate(zip(analyses, p.tolist(), meaning.tolist(), strict=True)):
            worthy = score >= threshold
            extra: list[tuple[float, str]] = []
            whole = ""
            if a.words:
                extra = self._word_reasons(a, strong.get(r, []))
                if m > _MEANING_REASON and worthy:
                    whole = _MEANING_FOR
                elif m < -_MEANING_REASON and not worthy:
                    whole = _MEANING_AGAINST
            kind = claim_type(a, worthy)
            reasons = typed_reasons(kind, explain(a, features[r], worthy, extra, whole))
            spans = checkable_spans(a)
            out.append(Detection(score, worthy, reasons, spans, kind))
        return out


class EncoderModelDetector(ModelDetector):
    """The model over the full all-MiniLM-L6-v2 encoder (optional ``distill`` extra).

    Slower by an order of magnitude; selected with ``CLAIMDESK_DETECTOR=encoder``.
    """

    def __init__(self, path: Path | str | None = None, threshold: float | None = None) -> None:
        path = Path(path or DEFAULT_ENCODER_MODEL_PATH)
        if not path.exists():
            raise ValueError(
                f"No encoder model at {path}: build it with "
                "`manage.py train_detector --encoder` (needs the 'distill' extra)"
            )
        try:
            super().__init__(path, threshold)
        except RuntimeError as exc:  # the optional extra is not installed
            raise ValueError(str(exc)) from exc
