"""The labelled data sets: ClaimBuster's files and the project's news sentences.

- ``groundtruth.tsv`` (ClaimBuster, not committed; ``default_data_dir()``): the
  training data.  A fixed tenth of it, chosen by a hash of the sentence id, is
  held out as a test split and never trained or tuned on.
- ``crowdsourced.tsv`` (ClaimBuster): the development split.  The parameters
  and the decision threshold were chosen on it, so its figures are optimistic.
- ``data/news_train.tsv`` (committed): news-style sentences written and labelled
  for the project by docs/labelling.md, trained on beside the debates so that
  the model learns our definition on our users' kind of text (a forecast with a
  number in it is not a checkable claim).
- ``data/news_checkworthy.tsv`` (committed): news sentences written and
  labelled separately from the news training set; a held-out test set, never
  tuned on.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "NEWS_PATH",
    "NEWS_TRAIN_PATH",
    "Dataset",
    "default_data_dir",
    "load_splits",
    "load_tsv",
    "merged",
]

DATA_DIR = Path(__file__).with_name("data")
NEWS_PATH = DATA_DIR / "news_checkworthy.tsv"
NEWS_TRAIN_PATH = DATA_DIR / "news_train.tsv"
_REPO_ROOT = Path(__file__).resolve().parents[3]
_MERGED_RE = re.compile(r"^(Yes|No)(\d+)$")


def default_data_dir() -> Path:
    """The ClaimBuster folder: ``$CLAIMBUSTER_DATA``, else ``../shared/data/claimbuster``."""
    configured = os.environ.get("CLAIMBUSTER_DATA", "").strip()
    if configured:
        return Path(configured)
    return _REPO_ROOT.parent / "shared" / "data" / "claimbuster"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    """``--data``: the ClaimBuster folder, as the training and evaluation commands take it."""
    parser.add_argument(
        "--data",
        type=Path,
        default=default_data_dir(),
        help="folder with groundtruth.tsv and crowdsourced.tsv (default: $CLAIMBUSTER_DATA, "
        "else ../shared/data/claimbuster from the repository)",
    )


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
