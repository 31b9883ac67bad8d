"""The held-out debates split: whole debates, the highest-id fifth, nothing of them trained on.

On a small synthetic pair of files (always), and on ClaimBuster's files where
``CLAIMBUSTER_DATA`` (or the default folder) holds them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.detection.training.datasets import (
    DEBATE_GAP,
    Dataset,
    debate_ranges,
    held_out_debates_start,
    load_debate_splits,
    load_tsv,
)
from tests.claims.detection_samples import claimbuster_dir

HEADER = "Sentence_id\tText\tclass_label\n"


def _debate(first: int, count: int, name: str) -> list[tuple[int, str]]:
    """``count`` sentences of one debate, ids 3 apart (a moderator's turn between some)."""
    return [(first + 3 * k, f"{name} sentence {k} about taxes.") for k in range(count)]


def _write(path: Path, rows: list[tuple[int, str]]) -> None:
    lines = [f"{sid}\t{text}\t{'Yes' if sid % 2 else 'No'}\n" for sid, text in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


@pytest.fixture
def synthetic(tmp_path: Path) -> dict[str, object]:
    """Five debates of 30, 20, 25, 15 and 10 sentences (100 in groundtruth.tsv)."""
    sizes = [30, 20, 25, 15, 10]
    debates, first = [], 1
    for n, size in enumerate(sizes):
        debates.append(_debate(first, size, f"debate{n}"))
        first += 3 * size + DEBATE_GAP + 40  # intro and closing: unused ids
    ground = [row for debate in debates for row in debate if row[0] % 4]
    crowd = [row for debate in debates for row in debate if not row[0] % 4]
    # A sentence said in a held-out debate and, word for word, in an earlier one.
    ground.append((debates[0][0][0] + 1, "Thank you very much."))
    ground.append((debates[4][0][0] + 1, "Thank you   very much."))
    _write(tmp_path / "groundtruth.tsv", ground)
    _write(tmp_path / "crowdsourced.tsv", crowd)
    (tmp_path / "news_train.tsv").write_text(
        HEADER + "n1\tTaxes rose 5% last year.\tYes\nn2\tThank you very much.\tNo\n",
        encoding="utf-8",
    )
    return {"dir": tmp_path, "debates": debates}


def _ids(data: Dataset) -> set[int]:
    return {int(i) for i in data.ids}


def _assert_disjoint_by_debate(splits: dict[str, Dataset], data_dir: Path) -> None:
    """No debate has sentences on both sides; no id or text is both trained and held out."""
    ground = load_tsv(data_dir / "groundtruth.tsv")
    crowd = load_tsv(data_dir / "crowdsourced.tsv")
    all_ids = [int(i) for i in ground.ids + crowd.ids]
    held = _ids(splits["debates"])
    seen = _ids(splits["train"]) | _ids(splits["dev"])
    assert held and seen and not held & seen
    for first, last in debate_ranges(all_ids):
        inside = {sid for sid in all_ids if first <= sid <= last}
        assert not (inside & held and inside & seen), (first, last)
    # Every groundtruth sentence from the cut on is held out, every one before it is not.
    start = min(held)
    assert held == {sid for sid in _ids(ground) if sid >= start}
    assert all(sid < start for sid in seen)
    assert {sid for sid in _ids(crowd) if sid >= start}.isdisjoint(_ids(splits["dev"]))

    def norm(texts: list[str]) -> set[str]:
        return {" ".join(t.lower().split()) for t in texts}

    held_texts = norm(splits["debates"].texts)
    assert not held_texts & norm(splits["train"].texts)
    assert not held_texts & norm(splits["news_train"].texts)


def test_the_synthetic_split_holds_out_the_last_whole_debates_nearest_a_fifth(
    synthetic: dict[str, object],
) -> None:
    data_dir = synthetic["dir"]
    assert isinstance(data_dir, Path)
    debates = synthetic["debates"]
    assert isinstance(debates, list)
    splits = load_debate_splits(
        data_dir, news_path=data_dir / "none.tsv", news_train_path=data_dir / "news_train.tsv"
    )
    ground = load_tsv(data_dir / "groundtruth.tsv")
    # The last two debates: 20 of groundtruth's 77 sentences (a fifth is 15.4; the
    # last debate alone, 9 sentences, is further from it, and so are the last three, 39).
    assert _ids(splits["debates"]) == {
        sid for debate in debates[3:] for sid, _ in debate if sid % 4
    } | {debates[4][0][0] + 1}
    assert len(splits["debates"].ids) == 20 and len(ground.ids) == 77
    assert held_out_debates_start([int(i) for i in ground.ids], [int(i) for i in ground.ids])
    # The dev split lost the crowdsourced sentences of the held-out debates, none else.
    crowd = load_tsv(data_dir / "crowdsourced.tsv")
    cut = min(_ids(splits["debates"]))
    assert _ids(splits["dev"]) == {sid for sid in _ids(crowd) if sid < cut}
    assert _ids(splits["dev"]) < _ids(crowd)
    # The earlier "Thank you very much." and the news one are dropped: the same text
    # is in a held-out debate.
    assert "Thank you very much." not in splits["train"].texts
    assert "Thank you very much." not in splits["news_train"].texts
    _assert_disjoint_by_debate(splits, data_dir)


def test_debates_are_runs_of_ids_closer_than_the_gap() -> None:
    assert debate_ranges([5, 1, 3, 5 + DEBATE_GAP, 6 + DEBATE_GAP, 200]) == [
        (1, 5),
        (5 + DEBATE_GAP, 6 + DEBATE_GAP),
        (200, 200),
    ]
    with pytest.raises(ValueError, match="single debate"):
        held_out_debates_start([1, 2, 3], [1, 2, 3])


def test_the_claimbuster_split_holds_out_five_whole_later_debates() -> None:
    data_dir = claimbuster_dir("the held-out debates split")
    splits = load_debate_splits(data_dir)
    ground = load_tsv(data_dir / "groundtruth.tsv")
    held = splits["debates"]
    # The boundary nearest the highest-id fifth: 4,340 of 22,501 (19.3%), where the
    # fifth proper (4,500) would end inside a debate.
    assert min(_ids(held)) == 26902
    assert len(held.ids) == 4340 and len(ground.ids) == 22501
    assert abs(len(held.ids) - len(ground.ids) / 5) < 200
    # The boundary is a long run of unused ids between a closing statement and an opening.
    text = {int(i): t for i, t in zip(ground.ids, ground.texts, strict=True)}
    before = max(sid for sid in text if sid < 26902)
    assert 26902 - before > 2 * DEBATE_GAP
    assert text[26902].startswith("And thank you for agreeing to moderate this debate")
    assert text[before].startswith("If we do those things we will build that bridge")
    crowd = load_tsv(data_dir / "crowdsourced.tsv")
    assert len(crowd.ids) - len(splits["dev"].ids) == 48
    _assert_disjoint_by_debate(splits, data_dir)
