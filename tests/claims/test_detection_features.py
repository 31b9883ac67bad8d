"""The transparent feature detector: checkable parts, reasons and threshold.

What every detector must do is in test_detection_contract.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.detection import SPAN_KINDS, Detection
from claims.detection.features import FeatureDetector
from tests.claims.detection_samples import FUNDING, KILLED, spans_of


@pytest.fixture(scope="module")
def detector() -> FeatureDetector:
    return FeatureDetector(threshold=0.5)


def assert_well_formed(text: str, detection: Detection) -> None:
    assert 0.0 <= detection.score <= 1.0
    assert detection.checkworthy is (detection.score >= 0.5)
    assert all(isinstance(reason, str) and reason for reason in detection.reasons)
    for start, end, kind in detection.spans:
        assert 0 <= start < end <= len(text)
        assert kind in SPAN_KINDS


def test_the_sample_sentence_about_deaths_is_checkworthy_with_its_quantity_and_timespan(
    detector: FeatureDetector,
) -> None:
    [found] = detector.detect([KILLED])
    spans = spans_of(KILLED, found)
    assert found.checkworthy
    assert ("since 2014", "timespan") in spans
    assert ("more than 13,000 people", "quantity") in spans or {
        ("13,000 people", "quantity"),
        ("more than", "comparison"),
    } <= spans
    assert "a number with what it counts: 'more than 13,000 people'" in found.reasons
    assert "a time span: 'since 2014'" in found.reasons


def test_the_funding_sentence_has_a_money_span(detector: FeatureDetector) -> None:
    [found] = detector.detect([FUNDING])
    spans = spans_of(FUNDING, found)
    assert ("$2.5 billion", "money") in spans
    assert ("more than", "comparison") in spans
    assert ("in 2014", "date") in spans or ("2014", "date") in spans
    assert found.checkworthy
    assert "an amount of money: 'more than $2.5 billion'" in found.reasons


@pytest.mark.parametrize(
    ("text", "kind", "part"),
    [
        ("Inflation reached 9.1% in June, the highest in four decades.", "percent", "9.1%"),
        (
            "Inflation reached 9.1% in June, the highest in four decades.",
            "comparison",
            "the highest",
        ),
        ("Turnout was 40 percent, officials said.", "percent", "40 percent"),
        ("The city spent 3 million euros on the bridge.", "money", "3 million euros"),
        ("Unemployment has fallen for three years.", "timespan", "for three years"),
        ("The law was signed on March 3, 2020.", "date", "March 3, 2020"),
        ("Crime is lower than it was in 1990.", "comparison", "lower than"),
        (
            "Russian President Vladimir Putin denied planning to launch an attack.",
            "attribution",
            "Russian President Vladimir Putin denied",
        ),
        (
            "Deaths fell by a third, according to the Ministry of Health.",
            "attribution",
            "according to the Ministry of Health",
        ),
        (
            "Deaths fell by a third, according to the Ministry of Health.",
            "entity",
            "Ministry of Health",
        ),
        ("NATO has 30 members.", "entity", "NATO"),
        ("NATO has 30 members.", "quantity", "30 members"),
    ],
)
def test_it_finds_each_kind_of_checkable_part(
    detector: FeatureDetector, text: str, kind: str, part: str
) -> None:
    [found] = detector.detect([text])
    assert (part, kind) in spans_of(text, found)


def test_an_attributed_statement_names_its_claimant_in_the_reasons(
    detector: FeatureDetector,
) -> None:
    [found] = detector.detect(["Putin denied that 100,000 troops were massed at the border."])
    assert "an attributed statement: 'Putin denied'" in found.reasons


@pytest.mark.parametrize(
    ("text", "reason_start"),
    [
        ("Thank you very much, and good evening to all of you.", "a greeting"),
        ("I think this is a terrible idea and we should stop it.", "an opinion"),
        ("What will the government do about rising prices?", "a question"),
        ("The economy will grow strongly next year.", "a prediction, not checkable"),
    ],
)
def test_greetings_opinions_questions_and_predictions_are_not_checkworthy(
    detector: FeatureDetector, text: str, reason_start: str
) -> None:
    [found] = detector.detect([text])
    assert not found.checkworthy
    assert any(reason.startswith(reason_start) for reason in found.reasons), found.reasons


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789,.$% of more than since people ")), max_size=200
    )
)
def test_number_like_noise_keeps_spans_inside_the_sentence(text: str) -> None:
    [found] = FeatureDetector(threshold=0.5).detect([text])
    assert_well_formed(text, found)


def test_the_threshold_comes_from_the_environment_or_the_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMDESK_DETECTOR_THRESHOLD", "0.99")
    [strict] = FeatureDetector().detect([KILLED])
    [lenient] = FeatureDetector(threshold=0.01).detect([KILLED])
    assert not strict.checkworthy
    assert lenient.checkworthy
    assert strict.score == lenient.score


def test_a_malformed_threshold_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMDESK_DETECTOR_THRESHOLD", "high")
    with pytest.raises(ValueError, match="CLAIMDESK_DETECTOR_THRESHOLD"):
        FeatureDetector()
