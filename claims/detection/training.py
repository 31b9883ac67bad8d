"""Build and evaluate the check-worthiness model from ClaimBuster (pure Python + NumPy).

Data (``../shared/data/claimbuster`` by default; the files are not committed):

- ``groundtruth.tsv``: the training data.  A fixed tenth of it, chosen by a hash
  of the sentence id, is held out as a test split and never trained or tuned on.
- ``claims/detection/data/news_train.tsv`` (committed): news-style sentences
  written and labelled for the project by docs/labelling.md, trained on beside
  the debates so that the model learns our definition on our users' kind of
  text (a forecast with a number in it is not a checkable claim).
- ``crowdsourced.tsv``: the development split (the parameters and the decision
  threshold below were chosen on it, so its figures are optimistic).
- ``tests/data/news_checkworthy.tsv``: news sentences written and labelled for
  the project (docs/labelling.md), separately from the news training set; a
  held-out test set, never tuned on.

The build is deterministic: no random initialisation, folds drawn from a seeded
generator, sums in a fixed order.  Retraining from the same data with the same
parameters reproduces the same predictions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .embeddings import DEFAULT_EMBEDDINGS_PATH, StaticEmbeddings
from .features import FEATURE_NAMES, FeatureDetector, analyse
from .linear import Rows, fit_logistic, fit_platt, sigmoid
from .metrics import classification_report, reliability_table
from .model import (
    Embedder,
    Model,
    Vectoriser,
    embeddings_record,
    model_fingerprint,
    model_terms,
    row_for,
)

__all__ = [
    "Dataset",
    "TrainParams",
    "build",
    "default_data_dir",
    "evaluate",
    "load_splits",
    "load_tsv",
    "merged",
    "train",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWS_PATH = REPO_ROOT / "tests" / "data" / "news_checkworthy.tsv"
NEWS_TRAIN_PATH = Path(__file__).with_name("data") / "news_train.tsv"
ATTRIBUTION = (
    "Trained on the ClaimBuster data set (Arslan, Hassan, Li, Tremayne, ICWSM 2020; "
    "doi:10.5281/zenodo.3609356), licensed CC BY 4.0."
)
_MERGED_RE = re.compile(r"^(Yes|No)(\d+)$")


def default_data_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "data" / "claimbuster"


@dataclass(slots=True)
class Dataset:
    name: str
    ids: list[str]
    texts: list[str]
    labels: list[int]
    sha256: str = ""
    notes: list[str] = field(default_factory=list)  # what the loader skipped or repaired

    @property
    def y(self) -> np.ndarray:
        return np.asarray(self.labels, dtype=np.float64)

    def subset(self, name: str, keep: list[int]) -> Dataset:
        return Dataset(
            name,
            [self.ids[i] for i in keep],
            [self.texts[i] for i in keep],
            [self.labels[i] for i in keep],
            self.sha256,
            list(self.notes),
        )


def merged(name: str, *parts: Dataset) -> Dataset:
    """One dataset holding the sentences of several, in order."""
    return Dataset(
        name,
        [i for p in parts for i in p.ids],
        [t for p in parts for t in p.texts],
        [label for p in parts for label in p.labels],
        "+".join(p.sha256 for p in parts),
        [n for p in parts for n in p.notes],
    )


def _records(fields: list[str]) -> list[list[str]]:
    """Split a row that holds two records ("... <TAB>No29286<TAB>...") back in two."""
    if len(fields) == 5 and (m := _MERGED_RE.match(fields[2])):
        return [[fields[0], fields[1], m.group(1)], [m.group(2), fields[3], fields[4]]]
    return [fields]


def load_tsv(path: Path, name: str | None = None) -> Dataset:
    """Read ``Sentence_id<TAB>Text<TAB>class_label`` (Yes/No), coping with the known quirks.

    CRLF endings and quoted fields are read by the csv module; a line holding two
    merged records is split back; any other malformed line is skipped and noted.
    """
    raw = path.read_bytes()
    data = Dataset(name or path.stem, [], [], [], hashlib.sha256(raw).hexdigest())
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter="\t")
    for line_no, fields in enumerate(reader, start=1):
        if line_no == 1 and fields[:1] == ["Sentence_id"]:
            continue
        records = _records(fields)
        if len(records) > 1:
            data.notes.append(f"{path.name}:{line_no}: split two merged records")
        for record in records:
            if len(record) != 3 or record[2] not in ("Yes", "No") or not record[1].strip():
                data.notes.append(f"{path.name}:{line_no}: skipped malformed line {fields!r:.80}")
                continue
            data.ids.append(record[0])
            data.texts.append(record[1])
            data.labels.append(1 if record[2] == "Yes" else 0)
    return data


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def load_splits(
    data_dir: Path, news_path: Path = NEWS_PATH, news_train_path: Path = NEWS_TRAIN_PATH
) -> dict[str, Dataset]:
    """train / test (from groundtruth), news_train, dev (crowdsourced), news (if present).

    A training sentence that also occurs in dev, test or news is dropped from
    training, so that no evaluated sentence was seen in training.
    """
    ground = load_tsv(data_dir / "groundtruth.tsv")
    crowd = load_tsv(data_dir / "crowdsourced.tsv", "dev")
    in_test = [int(hashlib.sha256(i.encode()).hexdigest(), 16) % 10 == 0 for i in ground.ids]
    splits = {
        "test": ground.subset("test", [i for i, t in enumerate(in_test) if t]),
        "dev": crowd,
    }
    if news_path.exists():
        splits["news"] = load_tsv(news_path, "news")
    held_out = {_norm(t) for split in splits.values() for t in split.texts}
    keep = [i for i, t in enumerate(in_test) if not t and _norm(ground.texts[i]) not in held_out]
    dropped = sum(1 for t in in_test if not t) - len(keep)
    train = ground.subset("train", keep)
    train.notes.append(f"dropped {dropped} training sentences that also occur in dev/test/news")
    news_train = load_tsv(news_train_path, "news_train")
    keep = [i for i, t in enumerate(news_train.texts) if _norm(t) not in held_out]
    if len(keep) < len(news_train.texts):
        news_train.notes.append(
            f"dropped {len(news_train.texts) - len(keep)} news training sentences "
            "that also occur in dev/test/news"
        )
        news_train = news_train.subset("news_train", keep)
    return {"train": train, "news_train": news_train, **splits}


@dataclass(frozen=True, slots=True)
class TrainParams:
    """Chosen on the dev split (crowdsourced.tsv); see the module docstring."""

    C: float = 2.0
    min_df: int = 2
    dense_scale: float = 1.0
    embedding_scale: float = 0.5
    news_weight: float = 1.0  # what a news training sentence counts for, beside a debate one
    balanced: bool = True
    folds: int = 5
    seed: int = 20240601


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


def _out_of_fold(X: Rows, y: np.ndarray, weight: np.ndarray, params: TrainParams) -> np.ndarray:
    """Decision values for each training row from a model that did not see it."""
    rng = np.random.default_rng(params.seed)
    fold = rng.permutation(len(y)) % params.folds
    z = np.zeros(len(y))
    for k in range(params.folds):
        fit_rows = np.flatnonzero(fold != k)
        w, b = fit_logistic(
            X.take(fit_rows),
            y[fit_rows],
            C=params.C,
            sample_weight=weight[fit_rows],
        )
        held = np.flatnonzero(fold == k)
        z[held] = X.take(held).dot(w) + b
    return z


def fit_model(
    parts: list[tuple[Dataset, float]],
    params: TrainParams,
    embeddings: Embedder | None,
) -> Model:
    """Fit on the datasets of ``parts``, each with the weight its sentences carry.

    The weights are balanced between the classes within each dataset.  The
    calibration is fitted on out-of-fold decision values, so it sees scores of
    sentences the model did not train on.
    """
    texts = [t for data, _ in parts for t in data.texts]
    y = np.concatenate([data.y for data, _ in parts])
    weight = np.concatenate(
        [_sample_weight(data.y, params.balanced) * share for data, share in parts]
    )
    analyses = [analyse(text) for text in texts]
    vectoriser = Vectoriser.fit([model_terms(a) for a in analyses], params.min_df)
    n_cols = len(vectoriser.terms) + len(FEATURE_NAMES)
    vectors: list[np.ndarray | None] = [None] * len(texts)
    if embeddings is not None:
        n_cols += embeddings.dims
        vectors = list(embeddings.encode(texts))
    rows = [
        row_for(vectoriser, a, params.dense_scale, v, params.embedding_scale)
        for a, v in zip(analyses, vectors, strict=True)
    ]
    X = Rows.from_lists(rows, n_cols)
    w, b = fit_logistic(X, y, C=params.C, sample_weight=weight)
    z_oof = _out_of_fold(X, y, weight, params)
    platt = fit_platt(z_oof, y)
    meta: dict[str, Any] = {"params": asdict(params), "threshold": 0.5}
    return Model(
        vectoriser,
        w.tolist(),
        b,
        platt,
        params.dense_scale,
        meta,
        embeddings,
        params.embedding_scale,
    )


def _baseline_terms(text: str) -> list[str]:
    words = re.findall(r"(?u)\b\w\w+\b", text.lower())
    return words + [f"{x} {y}" for x, y in itertools.pairwise(words)]


class Baseline:
    """Plain TF-IDF word 1-2-grams with logistic regression (scikit-learn's defaults)."""

    def __init__(self, train: Dataset) -> None:
        docs = [_baseline_terms(text) for text in train.texts]
        self.vectoriser = Vectoriser.fit(docs, min_df=1, sublinear=False)
        X = Rows.from_lists([self.vectoriser.weights(d) for d in docs], len(self.vectoriser.terms))
        self.w, self.b = fit_logistic(X, train.y, C=1.0)

    def scores(self, texts: list[str]) -> np.ndarray:
        rows = [self.vectoriser.weights(_baseline_terms(text)) for text in texts]
        X = Rows.from_lists(rows, len(self.vectoriser.terms))
        return sigmoid(X.dot(self.w) + self.b)


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
    embeddings: Embedder
    if encoder:
        from .encoder import SentenceEncoder

        embeddings = SentenceEncoder()
    else:
        embeddings = StaticEmbeddings.load(embeddings_path)
    parts = [(splits["train"], 1.0), (splits["news_train"], params.news_weight)]
    model = fit_model(parts, params, embeddings)
    dev = splits["dev"]
    model.meta["threshold"] = _best_f1_threshold(dev.y, model_scores(model, dev.texts))
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


def features_report(split: Dataset) -> dict[str, float]:
    """The transparent, hand-weighted detector on a split, for comparison."""
    detector = FeatureDetector(threshold=0.5)
    p = np.asarray([d.score for d in detector.detect(split.texts)])
    return classification_report(split.y, p, 0.5)


def same_predictions(fresh: Model, path: Path, data_dir: Path) -> list[str]:
    """What differs between a fresh build and the model file on the development split."""
    from .model import load_model

    stored = load_model(path)
    dev = load_tsv(data_dir / "crowdsourced.tsv", "dev")
    a, b = model_scores(fresh, dev.texts), model_scores(stored, dev.texts)
    problems = []
    if fresh.version != stored.version:
        problems.append(f"version {stored.version} != fresh {fresh.version}")
    flips = int(((a >= fresh.threshold) != (b >= stored.threshold)).sum())
    if flips:
        problems.append(f"{flips} of {len(a)} decisions differ")
    if float(np.max(np.abs(a - b))) > 1e-6:
        problems.append(f"scores differ by up to {float(np.max(np.abs(a - b))):.2e}")
    return problems
