"""The claim-type and priority labels of the two news sets (docs/labelling.md).

Counts when written (claim type / priority):

- news_checkworthy_labels.tsv (340): quantity 80 high + 36 routine; other 1 high,
  26 routine, 12 none; laws_rules 3 high, 4 routine, 1 none; correlation_causation
  2 high; prediction 55 none; personal_experience 1 none; not_claim 119 none.
  In all: 86 high, 66 routine, 188 none.
- news_train_labels.tsv (893): quantity 165 high + 94 routine; other 13 high, 83
  routine, 17 none; laws_rules 17 high, 20 routine, 8 none; correlation_causation 8
  high, 2 routine, 1 none; prediction 211 none; personal_experience 1 routine, 5 none;
  not_claim 248 none.  In all: 203 high, 200 routine, 490 none.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claims.detection.training.datasets import (
    CLAIM_TYPES,
    NEWS_LABELS_PATH,
    NEWS_PATH,
    NEWS_TRAIN_LABELS_PATH,
    NEWS_TRAIN_PATH,
    PRIORITIES,
    load_labels,
    load_tsv,
)

SETS = {
    "news_checkworthy": (NEWS_PATH, NEWS_LABELS_PATH),
    "news_train": (NEWS_TRAIN_PATH, NEWS_TRAIN_LABELS_PATH),
}
# Sentences whose priority departs from class_label on purpose (docs/labelling.md):
# none so far.
DISAGREEMENTS: dict[str, set[str]] = {"news_checkworthy": set(), "news_train": set()}


def _pair(name: str) -> tuple[list[str], list[int], dict[str, tuple[str, str]]]:
    source_path, labels_path = SETS[name]
    if not labels_path.exists():
        pytest.skip(f"{labels_path.name} not written yet")
    source = load_tsv(source_path, name)
    assert not source.notes, source.notes
    return source.ids, source.labels, load_labels(labels_path)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_sentence_labelled_once_in_file_order(name: str) -> None:
    ids, _, labels = _pair(name)
    assert list(labels) == ids


@pytest.mark.parametrize("name", sorted(SETS))
def test_labels_are_known_slugs_and_not_claim_has_no_priority(name: str) -> None:
    _, _, labels = _pair(name)
    for sentence_id, (claim_type, priority) in labels.items():
        assert claim_type in CLAIM_TYPES, sentence_id
        assert priority in PRIORITIES, sentence_id
        if claim_type == "not_claim":
            assert priority == "none", sentence_id
    # Every priority is used: a file of one value would be a mistake, not a labelling.
    assert set(Counter(p for _, p in labels.values())) == set(PRIORITIES)


@pytest.mark.parametrize("name", sorted(SETS))
def test_priority_agrees_with_class_label(name: str) -> None:
    ids, yes_no, labels = _pair(name)
    disagree = {
        sentence_id
        for sentence_id, yes in zip(ids, yes_no, strict=True)
        if (labels[sentence_id][1] != "none") != bool(yes)
    }
    assert disagree == DISAGREEMENTS[name]


def test_ids_are_unique_across_the_two_sets() -> None:
    first, _, _ = _pair("news_checkworthy")
    second, _, _ = _pair("news_train")
    assert not set(first) & set(second)


def test_load_labels_rejects_an_unknown_slug(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("Sentence_id\tclaim_type\tpriority\nx1\tquantities\thigh\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        load_labels(path)
    path.write_text("Sentence_id\tclaim_type\tpriority\nx1\tquantity\thigh\n", encoding="utf-8")
    assert load_labels(path) == {"x1": ("quantity", "high")}
