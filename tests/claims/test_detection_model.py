"""The trained detector: its model file, scores, threshold and explanations.

What every detector must do is in test_detection_contract.py; training in
test_detection_training.py."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from claims.detection import available_detectors, get_detector
from claims.detection.embeddings import DEFAULT_EMBEDDINGS_PATH, StaticEmbeddings
from claims.detection.model import DEFAULT_MODEL_PATH, ModelDetector, load_model
from claims.detection.training.datasets import NEWS_TRAIN_PATH, load_tsv
from claims.detection.training.fit import TrainParams
from tests.claims.detection_samples import FUNDING, KILLED, spans_of


@pytest.fixture(scope="module")
def detector() -> ModelDetector:
    return ModelDetector(threshold=0.5)


def test_the_committed_model_loads_and_records_how_it_was_built() -> None:
    model = load_model()
    meta = model.meta
    assert DEFAULT_MODEL_PATH.suffix == ".npz"
    assert set(meta["data"]) == {"groundtruth.tsv", "crowdsourced.tsv", "news_train.tsv"}
    assert meta["data"]["news_train.tsv"] == load_tsv(NEWS_TRAIN_PATH).sha256
    assert meta["params"] == asdict(TrainParams())
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


def test_the_threshold_comes_from_the_environment_then_the_model_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLAIMDESK_DETECTOR_THRESHOLD", raising=False)
    assert ModelDetector().threshold == load_model().threshold
    monkeypatch.setenv("CLAIMDESK_DETECTOR_THRESHOLD", "0.9")
    assert ModelDetector().threshold == 0.9
    assert ModelDetector(threshold=0.2).threshold == 0.2


def test_a_model_refuses_an_embedding_table_it_was_not_trained_with(tmp_path: Path) -> None:
    model = load_model()
    model.save(tmp_path / DEFAULT_MODEL_PATH.name)
    table = StaticEmbeddings.load(DEFAULT_EMBEDDINGS_PATH)
    table.vectors = table.vectors[:, ::-1].copy()  # same shape, other numbers
    table.save(tmp_path / DEFAULT_EMBEDDINGS_PATH.name)
    with pytest.raises(ValueError, match="another embedding table"):
        load_model(tmp_path / DEFAULT_MODEL_PATH.name)


def test_the_strongest_two_reasons_name_the_checkable_parts(detector: ModelDetector) -> None:
    [killed] = detector.detect([KILLED])
    assert killed.reasons == [
        "claim type: quantity in the past or present",
        "a number with what it counts: 'more than 13,000 people'",
        "a time span: 'since 2014'",
    ]
