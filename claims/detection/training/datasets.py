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
- ``data/news_checkworthy_labels.tsv`` and ``data/news_train_labels.tsv``
  (committed): a Full Fact claim type and a priority (high / routine / none) for
  every sentence of the two news sets, by docs/labelling.md ("Claim types and
  priority"); read with ``load_labels``.

Held-out debates (``load_debate_splits``): a second split that holds out whole
debates rather than a random tenth of sentences, to see whether the model
travels to debates it never saw.  ClaimBuster numbers the sentences of its 33
debates in one sequence, debate after debate, though not in date order (the
highest ids are the three 2016 debates; before them come a 2000, a 2012 and a
1996 debate), so the held-out debates are the last in the file, not all the
latest in time.  The two files hold the candidates' sentences only: the
moderators' questions, the introductions and the closings leave runs of unused
ids, and a run of at least ``DEBATE_GAP`` ids separates two debates (a
moderator's question inside a debate leaves fewer, though a few long ones come
close, so the gaps are only trusted near the cut).  The held-out debates are
the debates after the boundary nearest the fifth of ``groundtruth.tsv`` with
the highest ids; with ClaimBuster's files that boundary is a run of 45 unused
ids (26857-26901) between a 1996 closing statement ("...the greatest country
in the world.") and a 2012 opening ("And thank you for agreeing to moderate
this debate this evening."), and the held-out part is 4,340 sentences (19.3%)
of five whole debates.  Nothing of those debates is trained or tuned on: not
their ``groundtruth.tsv`` sentences, not their ``crowdsourced.tsv`` ones
(dropped from the development split), and no training sentence with the same
text.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..base import CLAIM_TYPES

__all__ = [
    "CLAIM_TYPES",
    "DEBATE_GAP",
    "NEWS_LABELS_PATH",
    "NEWS_PATH",
    "NEWS_TRAIN_LABELS_PATH",
    "NEWS_TRAIN_PATH",
    "PRIORITIES",
    "Dataset",
    "debate_ranges",
    "default_data_dir",
    "held_out_debates_start",
    "load_debate_splits",
    "load_labels",
    "load_splits",
    "load_tsv",
    "merged",
]

DATA_DIR = Path(__file__).with_name("data")
NEWS_PATH = DATA_DIR / "news_checkworthy.tsv"
NEWS_TRAIN_PATH = DATA_DIR / "news_train.tsv"
NEWS_LABELS_PATH = DATA_DIR / "news_checkworthy_labels.tsv"
NEWS_TRAIN_LABELS_PATH = DATA_DIR / "news_train_labels.tsv"
# The priority of a labelled sentence for a fact-checker (docs/labelling.md).
PRIORITIES = ("high", "routine", "none")
_REPO_ROOT = Path(__file__).resolve().parents[3]
_MERGED_RE = re.compile(r"^(Yes|No)(\d+)$")
# Unused sentence ids that separate two debates (see the module's docstring).
DEBATE_GAP = 20
# The share of groundtruth.tsv, by highest sentence id, held out as whole debates.
DEBATES_SHARE = 0.2


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


def load_labels(path: Path | str) -> dict[str, tuple[str, str]]:
    """Read ``Sentence_id<TAB>claim_type<TAB>priority``: sentence id -> (claim_type, priority).

    The order of the file is kept.  An unknown type or priority, a repeated id or a
    short line raises ``ValueError`` naming the line: a label file is written by hand
    and a typo must not pass silently.
    """
    path = Path(path)
    labels: dict[str, tuple[str, str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter="\t")
        for line_no, fields in enumerate(reader, start=1):
            if line_no == 1 and fields[:1] == ["Sentence_id"]:
                continue
            if len(fields) != 3:
                raise ValueError(f"{path.name}:{line_no}: expected 3 fields, got {fields!r:.80}")
            sentence_id, claim_type, priority = (field.strip() for field in fields)
            if claim_type not in CLAIM_TYPES or priority not in PRIORITIES:
                unknown = f"unknown label {claim_type!r} {priority!r}"
                raise ValueError(f"{path.name}:{line_no}: {unknown}")
            if sentence_id in labels:
                raise ValueError(f"{path.name}:{line_no}: repeated id {sentence_id!r}")
            labels[sentence_id] = (claim_type, priority)
    return labels


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _drop_texts(data: Dataset, name: str, texts: set[str], what: str) -> Dataset:
    """``data`` without the sentences whose text is in ``texts``, noting how many went."""
    keep = [i for i, t in enumerate(data.texts) if _norm(t) not in texts]
    kept = data.subset(name, keep)
    if len(keep) < len(data.texts):
        kept.notes.append(f"dropped {len(data.texts) - len(keep)} {what}")
    return kept


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


def debate_ranges(ids: list[int], gap: int = DEBATE_GAP) -> list[tuple[int, int]]:
    """First and last id of each debate: runs of ids less than ``gap`` apart."""
    ranges: list[tuple[int, int]] = []
    for sid in sorted(set(ids)):
        if ranges and sid - ranges[-1][1] < gap:
            ranges[-1] = (ranges[-1][0], sid)
        else:
            ranges.append((sid, sid))
    return ranges


def held_out_debates_start(
    ground_ids: list[int], all_ids: list[int], share: float = DEBATES_SHARE
) -> int:
    """First id of the held-out debates: the boundary nearest ``share`` of ``ground_ids``.

    ``all_ids`` (both files) place the debate boundaries; the held-out part is
    every debate that starts at or after the returned id.
    """
    ordered = sorted(ground_ids)
    target = share * len(ordered)
    starts = [start for start, _ in debate_ranges(all_ids)[1:]]
    if not starts:
        raise ValueError("the sentence ids show a single debate: no debate can be held out")

    def held(start: int) -> int:
        return len(ordered) - bisect.bisect_left(ordered, start)

    return min(starts, key=lambda start: (abs(held(start) - target), -start))


def load_debate_splits(
    data_dir: Path, news_path: Path = NEWS_PATH, news_train_path: Path = NEWS_TRAIN_PATH
) -> dict[str, Dataset]:
    """train, news_train and dev without the held-out debates; ``debates``, the debates.

    ``debates`` is every ``groundtruth.tsv`` sentence from ``held_out_debates_start``
    on; ``train`` and ``dev`` keep the sentences before it, and a training
    sentence (debate or news) whose text occurs in the debates, in dev or in the
    news set is dropped, as ``load_splits`` does.
    """
    ground = load_tsv(data_dir / "groundtruth.tsv")
    crowd = load_tsv(data_dir / "crowdsourced.tsv", "dev")
    ground_ids, crowd_ids = [int(i) for i in ground.ids], [int(i) for i in crowd.ids]
    start = held_out_debates_start(ground_ids, ground_ids + crowd_ids)
    debates = ground.subset("debates", [i for i, sid in enumerate(ground_ids) if sid >= start])
    debates.notes.append(f"held out the debates from sentence id {start} on")
    dev = crowd.subset("dev", [i for i, sid in enumerate(crowd_ids) if sid < start])
    if len(dev.ids) < len(crowd.ids):
        dev.notes.append(
            f"dropped {len(crowd.ids) - len(dev.ids)} development sentences of the held-out debates"
        )
    splits = {"debates": debates, "dev": dev}
    if news_path.exists():
        splits["news"] = load_tsv(news_path, "news")
    held_out = {_norm(t) for split in splits.values() for t in split.texts}
    before = ground.subset("train", [i for i, sid in enumerate(ground_ids) if sid < start])
    train = _drop_texts(
        before, "train", held_out, "training sentences that also occur in debates/dev/news"
    )
    news_train = _drop_texts(
        load_tsv(news_train_path, "news_train"),
        "news_train",
        held_out,
        "news training sentences that also occur in debates/dev/news",
    )
    return {"train": train, "news_train": news_train, **splits}
