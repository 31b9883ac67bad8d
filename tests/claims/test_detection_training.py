"""Training with scikit-learn, apart from the NumPy run-time detector.

The exported model must score as scikit-learn's fitted pipeline does, a rebuild
must reproduce the committed model file, and the run-time detector must load
without scikit-learn, SciPy, the training package or Django.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.model_selection import PredefinedSplit, cross_val_predict

from claims.detection.embeddings import StaticEmbeddings
from claims.detection.features import analyse
from claims.detection.model import DEFAULT_MODEL_PATH
from claims.detection.training.datasets import (
    NEWS_PATH,
    NEWS_TRAIN_PATH,
    load_tsv,
)
from claims.detection.training.fit import (
    TrainParams,
    _sample_weight,
    build,
    design_matrix,
    export,
    fit_calibrated,
    same_predictions,
    term_vectoriser,
)
from claims.detection.training.metrics import classification_report
from tests.claims.detection_samples import claimbuster_dir

ROOT = Path(__file__).resolve().parents[2]


def _fit(texts: list[str], y: np.ndarray, params: TrainParams) -> dict[str, Any]:
    """The model's recipe (fit.fit_model's steps) on a few sentences, its parts kept."""
    analyses = [analyse(t) for t in texts]
    tfidf = term_vectoriser(params.min_df)
    embeddings = StaticEmbeddings.load()
    X = design_matrix(
        tfidf.fit_transform(analyses),
        analyses,
        params.dense_scale,
        embeddings.encode(texts),
        params.embedding_scale,
    )
    weight = _sample_weight(y, params.balanced)
    calibrated = fit_calibrated(X, y, weight, params)
    model = export(tfidf, calibrated, params, embeddings)
    return {
        "X": X,
        "y": y,
        "weight": weight,
        "analyses": analyses,
        "tfidf": tfidf,
        "calibrated": calibrated,
        "model": model,
    }


@pytest.fixture(scope="module")
def small_fit() -> dict[str, Any]:
    """The news training sentences alone (seconds, not the full build's half minute)."""
    data = load_tsv(NEWS_TRAIN_PATH)
    return _fit(data.texts, data.y, TrainParams())


def test_the_exported_model_scores_as_scikit_learn_does(small_fit: dict[str, Any]) -> None:
    """NumPy at run time over the exported weights == scikit-learn over its own matrix."""
    model, X, calibrated = small_fit["model"], small_fit["X"], small_fit["calibrated"]
    held_out = load_tsv(NEWS_PATH).texts[:120]  # words the vocabulary lacks, too
    analyses = [analyse(t) for t in held_out]
    X_new = design_matrix(
        small_fit["tfidf"].transform(analyses),
        analyses,
        model.dense_scale,
        model.embeddings.encode(held_out),
        model.embedding_scale,
    )
    for matrix, batch in ((X, small_fit["analyses"]), (X_new, analyses)):
        z, _, _ = model.decisions(batch)
        expected = calibrated.predict_proba(matrix)[:, 1]
        assert np.allclose(
            z,
            calibrated.calibrated_classifiers_[0].estimator.decision_function(matrix),
            rtol=0,
            atol=1e-9,
        )
        assert np.allclose(model.probabilities(z), expected, rtol=0, atol=1e-9)


def test_fitting_is_deterministic(small_fit: dict[str, Any]) -> None:
    again = fit_calibrated(small_fit["X"], small_fit["y"], small_fit["weight"], TrainParams())
    first = small_fit["calibrated"].calibrated_classifiers_[0]
    second = again.calibrated_classifiers_[0]
    assert np.array_equal(first.estimator.coef_, second.estimator.coef_)
    assert first.calibrators[0].a_ == second.calibrators[0].a_
    assert first.calibrators[0].b_ == second.calibrators[0].b_


def test_the_calibration_is_not_weighted_by_the_class_balance() -> None:
    """Balancing weights reach the classifier only: scores keep the real share of claims.

    Platt scaling fitted without weights on the out-of-fold scores makes their mean
    calibrated probability the share of check-worthy sentences; weighted by the
    balance, it would sit far nearer one half.
    """
    data = load_tsv(NEWS_TRAIN_PATH)
    positives = [i for i, label in enumerate(data.labels) if label]
    keep = sorted({i for i, label in enumerate(data.labels) if not label} | set(positives[::4]))
    params = TrainParams()
    fit = _fit([data.texts[i] for i in keep], data.y[keep], params)
    share = float(fit["y"].mean())
    assert share < 0.2
    fold = np.random.default_rng(params.seed).permutation(len(keep)) % params.folds
    z = cross_val_predict(
        fit["calibrated"].calibrated_classifiers_[0].estimator,
        fit["X"],
        fit["y"].astype(np.int64),
        cv=PredefinedSplit(fold),
        method="decision_function",
        params={"class_balance": fit["weight"]},
    )
    assert abs(fit["model"].probabilities(z).mean() - share) < 0.005


def test_a_merged_record_in_the_data_is_split_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_bytes(
        b"Sentence_id\tText\tclass_label\r\n"
        b"1\tWe've got to invest.\tNo2\tTaxes rose 5%.\tYes\r\n"
        b'3\t"He said ""no"" twice."\tNo\r\n'
        b"4\tbroken line without label\r\n"
    )
    data = load_tsv(path)
    assert data.ids == ["1", "2", "3"]
    assert data.texts[2] == 'He said "no" twice.'
    assert data.labels == [0, 1, 0]
    assert any("merged" in note for note in data.notes)
    assert any("skipped" in note and ":4:" in note for note in data.notes)


def test_the_news_training_set_is_well_formed_and_apart_from_the_news_test_set() -> None:
    train, test = load_tsv(NEWS_TRAIN_PATH), load_tsv(NEWS_PATH)
    assert not train.notes, train.notes
    assert not test.notes, test.notes
    assert len(train.texts) >= 800
    assert len(test.texts) >= 300
    assert 0.35 < sum(train.labels) / len(train.labels) < 0.6
    assert len(set(train.ids)) == len(train.ids)

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    assert not {norm(t) for t in train.texts} & {norm(t) for t in test.texts}


def test_retraining_with_the_fixed_seed_reproduces_the_committed_model() -> None:
    """`train_detector --check`: same version, threshold and decisions; scores within tolerance.

    On one machine a rebuild is the same to the last bit; SCORE_TOLERANCE (1e-6)
    leaves room for another CPU's rounding only (see training/fit.py).
    """
    data_dir = claimbuster_dir("that the committed model can be rebuilt")
    fresh, _ = build(data_dir, TrainParams())
    assert same_predictions(fresh, DEFAULT_MODEL_PATH, data_dir) == []


def test_the_report_gives_scikit_learns_measures() -> None:
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.4, 0.1])
    report = classification_report(y, p, 0.5, ks=(2,))
    assert report["precision"] == pytest.approx(2 / 3)
    assert report["recall"] == pytest.approx(2 / 3)
    assert report["f1"] == pytest.approx(2 / 3)
    assert report["roc_auc"] == pytest.approx(7 / 9)  # pairs a positive outranks
    assert report["brier"] == pytest.approx(np.mean((p - y) ** 2))
    assert report["p@2"] == 0.5


def test_the_run_time_detector_needs_neither_training_nor_scikit_learn_nor_django() -> None:
    code = (
        "import sys\n"
        "from claims.detection import available_detectors, get_detector\n"
        "for name in ('model', 'features'):\n"
        "    [d] = get_detector(name).detect(['More than 13,000 people died since 2014.'])\n"
        "    assert d.checkworthy, name\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', "
        "'django', 'threadpoolctl') or m.startswith('claims.detection.training'))\n"
        "print(bad)\n"
    )
    env = {**os.environ, "CLAIMDESK_DETECTOR_THRESHOLD": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_production_code_never_reads_the_tests_folder() -> None:
    apps = ("accounts", "annotate", "claimdesk", "claims", "dashboard", "publishing")
    reads_tests = re.compile(r"""["']tests["']|["']tests/""")
    offenders = [
        str(path.relative_to(ROOT))
        for app in apps
        for path in (ROOT / app).rglob("*.py")
        if reads_tests.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
