"""The trained detector: loading, scores, explanations, robustness, reproducibility."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.detection import SPAN_KINDS, Detection, available_detectors, get_detector
from claims.detection.embeddings import DEFAULT_EMBEDDINGS_PATH, StaticEmbeddings
from claims.detection.model import DEFAULT_MODEL_PATH, ModelDetector, load_model
from claims.detection.training import (
    NEWS_PATH,
    NEWS_TRAIN_PATH,
    TrainParams,
    build,
    default_data_dir,
    load_tsv,
    model_scores,
)

KILLED = (
    "After the pro-Kremlin president stepped down, the ongoing conflict in the eastern part "
    "of the country erupted, killing more than 13,000 people since 2014."
)
FUNDING = (
    "But Washington helped train the Ukrainian army and promised to provide more than "
    "$2.5 billion in funding to support the army that collapsed after Russia annexed "
    "Ukraine\u2019s Crimea peninsula in 2014."
)


@pytest.fixture(scope="module")
def detector() -> ModelDetector:
    return ModelDetector(threshold=0.5)


def spans_of(text: str, detection: Detection) -> set[tuple[str, str]]:
    return {(text[start:end], kind) for start, end, kind in detection.spans}


def assert_well_formed(text: str, detection: Detection, threshold: float = 0.5) -> None:
    assert 0.0 <= detection.score <= 1.0
    assert detection.checkworthy is (detection.score >= threshold)
    assert all(isinstance(reason, str) and reason for reason in detection.reasons)
    for start, end, kind in detection.spans:
        assert 0 <= start < end <= len(text)
        assert kind in SPAN_KINDS


def test_the_committed_model_loads_and_records_how_it_was_built() -> None:
    model = load_model()
    meta = model.meta
    assert DEFAULT_MODEL_PATH.suffix == ".npz"
    assert set(meta["data"]) == {"groundtruth.tsv", "crowdsourced.tsv", "news_train.tsv"}
    assert meta["data"]["news_train.tsv"] == load_tsv(NEWS_TRAIN_PATH).sha256
    assert meta["params"]["seed"] == TrainParams().seed
    embeddings = StaticEmbeddings.load(DEFAULT_EMBEDDINGS_PATH)
    assert meta["embeddings"] == {
        "file": DEFAULT_EMBEDDINGS_PATH.name,
        "sha256": embeddings.sha256,
        "dims": embeddings.dims,
    }
    assert {"dev", "test", "news"} <= set(meta["metrics"])
    assert "CC BY 4.0" in meta["attribution"]
    assert 0.0 < model.threshold < 1.0


def test_the_model_is_the_default_and_features_stays_selectable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAIMDESK_DETECTOR", raising=False)
    assert set(available_detectors()) >= {"model", "features"}
    assert get_detector().version.startswith("model-")
    assert get_detector("features").version.startswith("features")


def test_the_version_names_the_detector_and_its_model(detector: ModelDetector) -> None:
    assert detector.version == f"model-{load_model().version}"


def test_the_sample_sentences_are_checkworthy_with_their_spans(detector: ModelDetector) -> None:
    killed, funding = detector.detect([KILLED, FUNDING])
    assert killed.checkworthy and funding.checkworthy
    assert {
        ("13,000 people", "quantity"),
        ("more than", "comparison"),
        ("since 2014", "timespan"),
    } <= spans_of(KILLED, killed)
    assert ("$2.5 billion", "money") in spans_of(FUNDING, funding)
    assert "a number with what it counts: 'more than 13,000 people'" in killed.reasons
    assert "an amount of money: 'more than $2.5 billion'" in funding.reasons


@pytest.mark.parametrize(
    "text",
    [
        "Thank you very much, and good evening to all of you.",
        "I think this is a terrible idea and we should stop it.",
        "What will the government do about rising prices?",
    ],
)
def test_greetings_opinions_and_questions_score_low(detector: ModelDetector, text: str) -> None:
    [found] = detector.detect([text])
    assert not found.checkworthy
    assert found.score < 0.3


def test_scores_are_probabilities_and_batches_keep_order(detector: ModelDetector) -> None:
    texts = [KILLED, "Hello.", "", FUNDING, "We will win."] * 3
    batch = detector.detect(texts)
    assert batch == [detector.detect([text])[0] for text in texts]
    for text, found in zip(texts, batch, strict=True):
        assert_well_formed(text, found)


def test_the_threshold_comes_from_the_environment_then_the_model_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAIMDESK_DETECTOR_THRESHOLD", raising=False)
    assert ModelDetector().threshold == load_model().threshold
    monkeypatch.setenv("CLAIMDESK_DETECTOR_THRESHOLD", "0.9")
    assert ModelDetector().threshold == 0.9
    assert ModelDetector(threshold=0.2).threshold == 0.2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x" * 100_000,
        ("More than 13,000 people died since 2014, said NATO. " * 2000)[:100_000],
        "\x00\x01\x02 13,000\x1b[31m people \x7f\u200b\ufeff",
        "\ud800 lone surrogate 12 people",
        "\u0663\u0664\u0665 \U0001d7d9\U0001d7db people \u2014 \u201csince\u201d",
    ],
)
def test_bad_input_gets_a_score_and_never_raises(detector: ModelDetector, text: str) -> None:
    [found] = detector.detect([text])
    assert_well_formed(text, found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=5))
def test_arbitrary_unicode_gets_well_formed_detections(texts: list[str]) -> None:
    found = get_detector("model").detect(texts)
    assert len(found) == len(texts)
    threshold = get_detector("model").threshold  # type: ignore[attr-defined]
    for text, detection in zip(texts, found, strict=True):
        assert_well_formed(text, detection, threshold)


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


def test_retraining_with_the_fixed_seed_reproduces_the_committed_predictions() -> None:
    data_dir = default_data_dir()
    if not (data_dir / "groundtruth.tsv").exists():
        reason = f"the ClaimBuster data is not at {data_dir}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must check that the committed model can be rebuilt")
        pytest.skip(reason)
    fresh, _ = build(data_dir, TrainParams())
    stored = load_model()
    dev = load_tsv(data_dir / "crowdsourced.tsv", "dev")
    a, b = model_scores(fresh, dev.texts), model_scores(stored, dev.texts)
    assert fresh.version == stored.version
    assert fresh.threshold == stored.threshold
    assert np.array_equal(a >= fresh.threshold, b >= stored.threshold)
    assert float(np.max(np.abs(a - b))) < 1e-6


def test_a_model_refuses_an_embedding_table_it_was_not_trained_with(tmp_path: Path) -> None:
    model = load_model()
    model.save(tmp_path / DEFAULT_MODEL_PATH.name)
    table = StaticEmbeddings.load(DEFAULT_EMBEDDINGS_PATH)
    table.vectors = table.vectors[:, ::-1].copy()  # same shape, other numbers
    table.save(tmp_path / DEFAULT_EMBEDDINGS_PATH.name)
    with pytest.raises(ValueError, match="another embedding table"):
        load_model(tmp_path / DEFAULT_MODEL_PATH.name)


def test_the_news_training_set_is_well_formed_and_apart_from_the_news_test_set() -> None:
    train, test = load_tsv(NEWS_TRAIN_PATH), load_tsv(NEWS_PATH)
    assert not train.notes, train.notes
    assert len(train.texts) >= 800
    assert 0.35 < sum(train.labels) / len(train.labels) < 0.6
    assert len(set(train.ids)) == len(train.ids)

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    assert not {norm(t) for t in train.texts} & {norm(t) for t in test.texts}


def test_word_reasons_name_numbers_in_words_and_meaning_gets_its_own_reason(
    detector: ModelDetector,
) -> None:
    [killed] = detector.detect([KILLED])
    words = [r for r in killed.reasons if r.startswith("wording typical")]
    assert words and not any("<num>" in r or "<year>" in r for r in killed.reasons)
    assert "[number]" in " ".join(words)
    assert "as a whole, it reads like the checkable claims the model learnt from" in (
        killed.reasons
    )
