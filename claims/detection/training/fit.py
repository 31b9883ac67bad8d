"""Fit the check-worthiness model with scikit-learn and export it for the NumPy runtime.

The model's input for a sentence is the row ``design_matrix`` builds: its word
1-2-grams weighted by TF-IDF (scikit-learn's ``TfidfVectorizer`` over the
project's own terms, ``model.model_terms``), then the transparent features of
``features.feature_vector`` and the sentence's static embedding, each scaled,
side by side in one SciPy CSR matrix.  ``LogisticRegression`` (L2, the
intercept not penalised, solved by Newton-CG) fits the weights; ``CalibratedClassifierCV`` with
``method="sigmoid"`` and ``ensemble=False`` fits Platt scaling on out-of-fold
decision values (the folds drawn from a seeded generator) and refits the
classifier on every sentence.  The weights, the vocabulary, the IDF and the two
calibration numbers are then written to the ``.npz`` that ``model.load_model``
reads: the run-time detector needs NumPy, never scikit-learn or SciPy.

The build is deterministic: the solver has no random start, the folds come from
a seeded generator, and the products run on one thread in a fixed order, so
retraining from the same data with the same parameters reproduces the same
predictions (to the last bit on one machine, within ``SCORE_TOLERANCE`` on any).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import PredefinedSplit
from threadpoolctl import threadpool_limits

from ..embeddings import DEFAULT_EMBEDDINGS_PATH, StaticEmbeddings
from ..features import FEATURE_NAMES, Analysis, FeatureDetector, analyse, feature_vector
from ..model import (
    Embedder,
    Model,
    Vectoriser,
    embeddings_record,
    load_model,
    model_fingerprint,
    model_terms,
)
from .datasets import NEWS_PATH, Dataset, load_debate_splits, load_splits, load_tsv
from .evaluation import Baseline, evaluate, model_scores
from .metrics import classification_report

__all__ = [
    "ATTRIBUTION",
    "SCORE_TOLERANCE",
    "TrainParams",
    "build",
    "design_matrix",
    "export",
    "fit_calibrated",
    "fit_model",
    "held_out_debates",
    "same_predictions",
    "term_vectoriser",
    "train",
]

ATTRIBUTION = (
    "Trained on the ClaimBuster data set (Arslan, Hassan, Li, Tremayne, ICWSM 2020; "
    "doi:10.5281/zenodo.3609356), licensed CC BY 4.0."
)
# The solver (TrainParams.solver): Newton's method with conjugate-gradient steps
# over the sparse matrix ("newton-cg"), the same objective as lbfgs.  It reaches
# the optimum itself (the largest gradient entry of C * sum(weighted log loss) +
# |w|^2 / 2 ends near 1e-6, where lbfgs stalls near 4e-4), so a rebuild does not
# depend on the path an optimiser took: rounding the inputs differently by 1e-15
# (another CPU, another BLAS) moves the decision values by about 5e-8, against
# 1e-5 with lbfgs.
_SOLVER_TOL = 1e-8
_SOLVER_MAX_ITER = 1_000
# How far a rebuild's scores may lie from the committed model's on the development
# split.  On one machine a rebuild is the same to the last bit; elsewhere the
# solver's tolerance above keeps it within about 1e-8.  Any change of data,
# parameters, features or solver moves scores by 1e-5 and more.
SCORE_TOLERANCE = 1e-6


@dataclass(frozen=True, slots=True)
class TrainParams:
    """Chosen on the dev split (crowdsourced.tsv); see ``datasets``."""

    C: float = 2.0
    min_df: int = 2
    dense_scale: float = 1.0
    embedding_scale: float = 0.5
    news_weight: float = 1.0  # what a news training sentence counts for, beside a debate one
    balanced: bool = True
    folds: int = 5
    seed: int = 20240601
    solver: str = "newton-cg"  # scikit-learn's LogisticRegression solver; see _SOLVER_TOL


class _BalancedLogisticRegression(LogisticRegression):
    """LogisticRegression whose class-balancing weights reach the classifier only.

    ``CalibratedClassifierCV.fit(sample_weight=...)`` weighs the sigmoid calibration
    too, which would calibrate to balanced classes instead of the real ones; the
    weights are passed as ``class_balance`` instead, which it hands to this ``fit``
    alone.  (Metadata routing with an alias would do the same, but scikit-learn
    1.9's ``cross_val_predict`` inside ``CalibratedClassifierCV`` rejects an alias.)
    """

    def fit(
        self, X: Any, y: Any, class_balance: np.ndarray | None = None
    ) -> _BalancedLogisticRegression:
        super().fit(X, y, sample_weight=class_balance)
        return self


def _sample_weight(y: np.ndarray, balanced: bool) -> np.ndarray:
    if not balanced:
        return np.ones_like(y)
    pos = y.mean()
    return np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))


def _best_f1_threshold(y: np.ndarray, p: np.ndarray) -> float:
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.2, 0.81, 0.01), 2):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        f1 = 2 * tp / (pred.sum() + y.sum()) if pred.sum() + y.sum() else 0.0
        if f1 > best:
            best, best_t = f1, float(t)
    return best_t


def design_matrix(
    terms: sp.csr_matrix,
    analyses: list[Analysis],
    dense_scale: float,
    vectors: np.ndarray | None = None,
    embedding_scale: float = 1.0,
) -> sp.csr_matrix:
    """The model's input: TF-IDF terms, the scaled features, the scaled embeddings, by column."""
    dense = np.asarray([feature_vector(a) for a in analyses], np.float64)
    blocks = [terms, sp.csr_matrix(dense.reshape(len(analyses), len(FEATURE_NAMES)) * dense_scale)]
    if vectors is not None:
        blocks.append(sp.csr_matrix(vectors * embedding_scale))
    return sp.hstack(blocks, format="csr", dtype=np.float64)


def term_vectoriser(min_df: int) -> TfidfVectorizer:
    """TF-IDF over ``model_terms`` of analysed sentences, as ``model.Vectoriser`` applies it."""
    return TfidfVectorizer(analyzer=model_terms, min_df=min_df, sublinear_tf=True, dtype=np.float64)


def fit_calibrated(
    X: sp.csr_matrix, y: np.ndarray, weight: np.ndarray, params: TrainParams
) -> CalibratedClassifierCV:
    """Logistic regression on ``X`` weighted by ``weight``, Platt-scaled on out-of-fold scores.

    The calibration sees decision values of sentences the classifier did not train
    on (the seeded folds), and is not weighted, so that it maps them to the real
    share of check-worthy sentences; the classifier is then refitted on every row.
    """
    fold = np.random.default_rng(params.seed).permutation(len(y)) % params.folds
    classifier = _BalancedLogisticRegression(
        C=params.C, solver=params.solver, tol=_SOLVER_TOL, max_iter=_SOLVER_MAX_ITER
    )
    calibrated = CalibratedClassifierCV(
        classifier, method="sigmoid", cv=PredefinedSplit(fold), ensemble=False
    )
    # One thread, like a worker scoring: the same sums in the same order on any
    # number of cores (and no OpenMP threads spinning against each other).
    with threadpool_limits(limits=1):
        calibrated.fit(X, y.astype(np.int64), class_balance=weight)
    return calibrated


def export(
    tfidf: TfidfVectorizer,
    calibrated: CalibratedClassifierCV,
    params: TrainParams,
    embeddings: Embedder | None,
) -> Model:
    """The fitted vectoriser, weights and calibration as the NumPy runtime reads them."""
    [fitted] = calibrated.calibrated_classifiers_
    [sigmoid] = fitted.calibrators
    # scikit-learn's sigmoid is 1 / (1 + exp(a z + b)); the model file's, 1 / (1 + exp(-(a z + b))).
    platt = (-float(sigmoid.a_), -float(sigmoid.b_))
    return Model(
        Vectoriser([str(t) for t in tfidf.get_feature_names_out()], tfidf.idf_.tolist()),
        fitted.estimator.coef_[0].tolist(),
        float(fitted.estimator.intercept_[0]),
        platt,
        params.dense_scale,
        {"params": asdict(params), "threshold": 0.5},
        embeddings,
        params.embedding_scale,
    )


def fit_model(
    parts: list[tuple[Dataset, float]],
    params: TrainParams,
    embeddings: Embedder | None,
) -> Model:
    """Fit on the datasets of ``parts``, each with the weight its sentences carry.

    The weights are balanced between the classes within each dataset.
    """
    texts = [t for data, _ in parts for t in data.texts]
    y = np.concatenate([data.y for data, _ in parts])
    weight = np.concatenate(
        [_sample_weight(data.y, params.balanced) * share for data, share in parts]
    )
    analyses = [analyse(text) for text in texts]
    tfidf = term_vectoriser(params.min_df)
    terms = tfidf.fit_transform(analyses)
    vectors = None if embeddings is None else embeddings.encode(texts)
    X = design_matrix(terms, analyses, params.dense_scale, vectors, params.embedding_scale)
    return export(tfidf, fit_calibrated(X, y, weight, params), params, embeddings)


def _embedder(embeddings_path: Path, encoder: bool) -> Embedder:
    if encoder:
        from ..encoder import SentenceEncoder

        return SentenceEncoder()
    return StaticEmbeddings.load(embeddings_path)


def _fit_and_choose_threshold(
    splits: dict[str, Dataset], params: TrainParams, embeddings: Embedder
) -> Model:
    """Fit on ``train`` and ``news_train``; the threshold of best F1 on ``dev``."""
    parts = [(splits["train"], 1.0), (splits["news_train"], params.news_weight)]
    model = fit_model(parts, params, embeddings)
    dev = splits["dev"]
    model.meta["threshold"] = _best_f1_threshold(dev.y, model_scores(model, dev.texts))
    return model


def build(
    data_dir: Path,
    params: TrainParams | None = None,
    news_path: Path = NEWS_PATH,
    embeddings_path: Path = DEFAULT_EMBEDDINGS_PATH,
    encoder: bool = False,
) -> tuple[Model, dict[str, Dataset]]:
    """Fit the model, choose its threshold on dev, record what it was built from.

    With ``encoder``, the sentence embeddings come from the full encoder (the
    optional extra) instead of the static table at ``embeddings_path``.
    """
    params = params or TrainParams()
    splits = load_splits(data_dir, news_path)
    embeddings = _embedder(embeddings_path, encoder)
    model = _fit_and_choose_threshold(splits, params, embeddings)
    dev = splits["dev"]
    model.meta.update(
        {
            "data": {
                "groundtruth.tsv": load_tsv(data_dir / "groundtruth.tsv").sha256,
                "crowdsourced.tsv": dev.sha256,
                "news_train.tsv": splits["news_train"].sha256,
            },
            "embeddings": embeddings_record(embeddings, None if encoder else embeddings_path),
            "features_version": FeatureDetector.version,
            "split_sizes": {name: len(s.labels) for name, s in splits.items()},
            "loader_notes": sorted({n for s in splits.values() for n in s.notes}),
            "attribution": ATTRIBUTION,
        }
    )
    kind = "claimbuster-minilm-lr" if encoder else "claimbuster-lr"
    model.meta["version"] = f"{kind}-{model_fingerprint(model.meta)}"
    return model, splits


def train(
    data_dir: Path,
    params: TrainParams | None = None,
    news_path: Path = NEWS_PATH,
    encoder: bool = False,
) -> tuple[Model, dict[str, Any]]:
    """Build the model, evaluate it beside the baseline, and record the figures in it."""
    model, splits = build(data_dir, params, news_path, encoder=encoder)
    results = evaluate(model, splits, Baseline(splits["train"]))
    model.meta["metrics"] = {name: r["model"] for name, r in results.items()}
    model.meta["baseline_metrics"] = {name: r["baseline"] for name, r in results.items()}
    return model, results


def held_out_debates(
    model: Model,
    data_dir: Path,
    params: TrainParams | None = None,
    news_path: Path = NEWS_PATH,
    embeddings_path: Path = DEFAULT_EMBEDDINGS_PATH,
) -> dict[str, dict[str, dict[str, float]]]:
    """Does the model travel?  Figures on a random tenth and on whole held-out debates.

    ``model`` (the shipped one) is scored on the random held-out tenth
    (``load_splits``' test).  A second model, fitted by the same code with the same
    parameters and embeddings on everything but the held-out debates
    (``load_debate_splits``; its threshold chosen on dev without them), is scored
    on those debates.  The TF-IDF baseline, fitted on each split's training
    sentences, is scored beside each.  Nothing is written.
    """
    params = params or TrainParams()
    splits = load_splits(data_dir, news_path)
    debate_splits = load_debate_splits(data_dir, news_path)
    debates_model = _fit_and_choose_threshold(
        debate_splits, params, _embedder(embeddings_path, encoder=False)
    )
    test, debates = splits["test"], debate_splits["debates"]

    def report(data: Dataset, scores: np.ndarray, threshold: float) -> dict[str, float]:
        return {**classification_report(data.y, scores, threshold), "threshold": threshold}

    return {
        "test": {
            "model": report(test, model_scores(model, test.texts), model.threshold),
            "baseline": report(test, Baseline(splits["train"]).scores(test.texts), 0.5),
        },
        "debates": {
            "model": report(
                debates, model_scores(debates_model, debates.texts), debates_model.threshold
            ),
            "baseline": report(
                debates, Baseline(debate_splits["train"]).scores(debates.texts), 0.5
            ),
        },
    }


def same_predictions(fresh: Model, path: Path, data_dir: Path) -> list[str]:
    """What differs between a fresh build and the model file on the development split."""
    stored = load_model(path)
    dev = load_tsv(data_dir / "crowdsourced.tsv", "dev")
    a, b = model_scores(fresh, dev.texts), model_scores(stored, dev.texts)
    problems = []
    if fresh.version != stored.version:
        problems.append(f"version {stored.version} != fresh {fresh.version}")
    if fresh.threshold != stored.threshold:
        problems.append(f"threshold {stored.threshold} != fresh {fresh.threshold}")
    flips = int(((a >= fresh.threshold) != (b >= stored.threshold)).sum())
    if flips:
        problems.append(f"{flips} of {len(a)} decisions differ")
    gap = float(np.max(np.abs(a - b))) if len(a) else 0.0
    if gap > SCORE_TOLERANCE:
        problems.append(f"scores differ by up to {gap:.2e} (more than {SCORE_TOLERANCE:.0e})")
    return problems
