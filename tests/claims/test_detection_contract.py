"""The detector contract, once for every detector the registry knows.

``claims.detection.get_detector(name).detect(texts)`` gives one well-formed
``Detection`` per text, in order, whatever the text; a sentence scores the same
in any batch.  Each detector's own behaviour (its reasons, its threshold, its
model file) is tested beside it: test_detection_features.py, _model.py, _encoder.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.detection import (
    CLAIM_TYPE_LABELS,
    CLAIM_TYPES,
    SPAN_KINDS,
    Detection,
    Detector,
    available_detectors,
    get_detector,
)
from claims.detection.config import DETECTORS, missing_modules
from claims.detection.features import FeatureDetector
from claims.detection.model import ModelDetector
from tests.claims.detection_samples import FUNDING, KILLED, spans_of

SAMPLE = Path(__file__).resolve().parents[2] / "claims" / "demo" / "sample_article.txt"
BAD_INPUT = [
    "",
    " \n\t ",
    "x" * 100_000,
    ("More than 13,000 people died since 2014, said NATO. " * 2000)[:100_000],
    "\x00\x01\x02 13,000\x1b[31m people \x7f\u200b\ufeff",
    # mathematical and Arabic-Indic digits, a dash and curly quotes
    "\U0001d7d9\U0001d7db,\U0001d7d8\U0001d7d8\U0001d7d8 \u0663\u0664\u0665 people"
    " \u2014 \u201csince\u201d 2014 $",
    "$$$ %%% 1,2,3,4,5,,,, ...",
    "\ud800 lone surrogate 12 people",
    # mixed scripts in one sentence: Latin, Cyrillic, Arabic, Han, Devanagari, emoji
    "NATO заявила, что 13,000 الناس 人死亡 since 2014, कहा Путин \U0001f600.",
    "Президент 说 inflation \u00ab5%\u00bb \u200f\u202e\u2066 ist gestiegen, \u0915\u0939\u093e.",
]


def _installed(name: str) -> str:
    """The name, or a skip when the detector's optional extra is not installed."""
    if missing := missing_modules(name):
        extra = DETECTORS[name].extra
        pytest.skip(
            f"the optional '{extra}' extra is not installed (missing: {', '.join(missing)})"
        )
    return name


@pytest.fixture(scope="module", params=sorted(available_detectors()))
def name(request: pytest.FixtureRequest) -> str:
    return _installed(request.param)


@pytest.fixture(scope="module")
def detector(name: str) -> FeatureDetector | ModelDetector:
    found = get_detector(name)
    assert isinstance(found, FeatureDetector | ModelDetector)
    return found


def assert_well_formed(text: str, detection: Detection, threshold: float) -> None:
    assert isinstance(detection, Detection)
    assert 0.0 <= detection.score <= 1.0
    assert detection.checkworthy is (detection.score >= threshold)
    assert all(isinstance(reason, str) and reason for reason in detection.reasons)
    for start, end, kind in detection.spans:
        assert 0 <= start < end <= len(text)
        assert kind in SPAN_KINDS
    assert detection.claim_type in CLAIM_TYPES
    # The type comes first in the reasons, then the strongest one or two.
    assert detection.reasons[0] == f"claim type: {CLAIM_TYPE_LABELS[detection.claim_type]}"
    assert 2 <= len(detection.reasons) <= 3


def test_it_is_selectable_by_name_and_loaded_once(name: str, detector: Detector) -> None:
    assert isinstance(detector, Detector)
    assert get_detector(name) is detector
    assert detector.version and isinstance(detector.version, str)


def test_the_sample_sentences_are_checkworthy_with_their_checkable_parts(
    detector: FeatureDetector | ModelDetector,
) -> None:
    killed, funding = detector.detect([KILLED, FUNDING])
    assert killed.checkworthy and funding.checkworthy
    assert ("since 2014", "timespan") in spans_of(KILLED, killed)
    assert ("$2.5 billion", "money") in spans_of(FUNDING, funding)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you very much, and good evening to all of you.",
        "What will the government do about rising prices?",
    ],
)
def test_greetings_and_questions_are_not_checkworthy(
    detector: FeatureDetector | ModelDetector, text: str
) -> None:
    [found] = detector.detect([text])
    assert not found.checkworthy


def test_nothing_to_read_scores_zero(detector: FeatureDetector | ModelDetector) -> None:
    for found in detector.detect(["", "   \n"]):
        assert found.score == 0.0
        assert not found.checkworthy


def test_a_batch_keeps_order_and_each_sentence_scores_as_alone(
    detector: FeatureDetector | ModelDetector,
) -> None:
    texts = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line][:20]
    texts += ["", "Hello.", KILLED, FUNDING, "We will win."]
    batch = detector.detect(texts)
    assert batch == [detector.detect([text])[0] for text in texts]
    assert detector.detect(texts[::-1]) == batch[::-1]
    assert detector.detect([]) == []
    for text, found in zip(texts, batch, strict=True):
        assert_well_formed(text, found, detector.threshold)


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gets_a_score_and_a_type_and_no_claimant_and_never_raises(
    detector: FeatureDetector | ModelDetector, text: str
) -> None:
    [found] = detector.detect([text])
    assert_well_formed(text, found, detector.threshold)
    assert not [span for span in found.spans if span[2] == "claimant"], found.spans


def test_nothing_to_read_is_not_a_claim(detector: FeatureDetector | ModelDetector) -> None:
    for found in detector.detect(["", "   \n", "\x00\x01"]):
        assert found.claim_type == "not_claim"


# Invented sentences, one type each beyond doubt (none from the data sets).
TYPED = [
    ("Unemployment fell to 3.9% last year.", "quantity"),
    ("The city spent $4.2 million on new buses in 2019.", "quantity"),
    ("Wages rose faster than prices across the region.", "quantity"),
    ("The new law bans smoking in parks.", "laws_rules"),
    ("Under the regulations, landlords are required to register every tenancy.", "laws_rules"),
    ("It is illegal to drive without insurance in the state.", "laws_rules"),
    ("The bank expects inflation to fall to 2% next year.", "prediction"),
    ("The new bridge will open in the spring.", "prediction"),
    ("Forecasters say the population is set to double by 2050.", "prediction"),
    ("Smoking causes cancer.", "correlation_causation"),
    ("The floods were caused by a burst dam.", "correlation_causation"),
    ("Heavy drinking is linked to a higher risk of liver disease.", "correlation_causation"),
    ("I was born in Ohio and worked at the plant for 20 years.", "personal_experience"),
    ("My father worked at the mill until it closed.", "personal_experience"),
    ("Good evening, everyone.", "not_claim"),
    ("Thank you very much, and good evening to all of you.", "not_claim"),
    ("What will the government do about rising prices?", "not_claim"),
    ("I think this is a terrible idea and we should stop it.", "not_claim"),
    ("The minister denied the allegations on Tuesday.", "other"),
]


@pytest.mark.parametrize(("text", "expected"), TYPED)
def test_the_default_detector_types_clear_examples(text: str, expected: str) -> None:
    [found] = get_detector().detect([text])
    assert found.claim_type == expected, (found.claim_type, found.reasons)
    assert found.reasons[0] == f"claim type: {CLAIM_TYPE_LABELS[expected]}"


def test_every_type_has_a_label_and_a_positional_detection_still_builds() -> None:
    assert set(CLAIM_TYPE_LABELS) == set(CLAIM_TYPES)
    assert len(set(CLAIM_TYPE_LABELS.values())) == len(CLAIM_TYPES)
    assert Detection(0.5, True, ["x"], []).claim_type == "not_claim"
    assert {expected for _, expected in TYPED} == set(CLAIM_TYPES)


@settings(max_examples=100, deadline=None)
@given(texts=st.lists(st.text(max_size=300), max_size=5))
def test_arbitrary_unicode_gets_well_formed_detections(
    detector: FeatureDetector | ModelDetector, texts: list[str]
) -> None:
    found = detector.detect(texts)
    assert len(found) == len(texts)
    for text, detection in zip(texts, found, strict=True):
        assert_well_formed(text, detection, detector.threshold)
