"""Reasons a fact-checker can use: the claim type, then the strongest one or two, never a
stop word as evidence.

Over the sample article and the news set, for every detector the registry can
load here (the contract's BAD_INPUT too).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from claims.detection import CLAIM_TYPE_LABELS, available_detectors, get_detector
from claims.detection.base import Detection
from claims.detection.config import missing_modules
from claims.detection.features import CUE_REASONS, FEATURE_NAMES, analyse, explain
from claims.detection.model import ModelDetector
from claims.detection.stopwords import STOP_WORDS
from claims.detection.training.datasets import NEWS_PATH, load_tsv
from claims.segmentation import split_sentences
from tests.claims.test_detection_contract import BAD_INPUT

SAMPLE = Path(__file__).resolve().parents[2] / "claims" / "demo" / "sample_article.txt"
# A quote ends the reason, or comes before ", " (the next quote, "not enough on its own").
QUOTE_RE = re.compile(r"'(.+?)'(?=, |$)")
WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)?")
STOP = {w.lower() for w in STOP_WORDS} | set(ENGLISH_STOP_WORDS)
AGAINST = (*CUE_REASONS.values(), "too short", "as a whole, it reads like talk")
FOR = ("wording typical of checkable claims", "as a whole, it reads like the checkable")


def _sentences() -> list[str]:
    article = SAMPLE.read_text(encoding="utf-8")
    news = load_tsv(NEWS_PATH).texts
    assert len(news) >= 300
    return [article[s:e] for s, e in split_sentences(article)] + news


@pytest.fixture(scope="module", params=sorted(n for n in available_detectors() if n != "encoder"))
def name(request: pytest.FixtureRequest) -> str:
    if missing := missing_modules(request.param):
        pytest.skip(f"not installed: {missing}")
    return str(request.param)


def _only_stop_words(quote: str) -> bool:
    return all(w.lower().replace("\u2019", "'") in STOP for w in WORD_RE.findall(quote))


def test_the_runtime_stop_words_hold_scikit_learns_list() -> None:
    assert set(ENGLISH_STOP_WORDS) <= STOP_WORDS
    assert {"two", "dozen", "million", "don't", "it's"} <= STOP_WORDS


def _type_line(found: Detection) -> str:
    return f"claim type: {CLAIM_TYPE_LABELS[found.claim_type]}"


def test_each_detection_names_its_type_and_one_or_two_reasons_none_quoting_a_stop_word(
    name: str,
) -> None:
    texts = _sentences()
    detections = get_detector(name).detect(texts)
    quoted_words = 0
    for text, found in zip(texts, detections, strict=True):
        type_line, *reasons = found.reasons
        assert type_line == _type_line(found), (text, found.reasons)
        assert 1 <= len(reasons) <= 2, (text, found.reasons)
        assert len(set(found.reasons)) == len(found.reasons)
        assert not any(r.startswith("claim type: ") for r in reasons), found.reasons
        for reason in reasons:
            for quote in QUOTE_RE.findall(reason):
                assert not _only_stop_words(quote), (text, reason)
            if reason.startswith("wording typical"):
                quoted_words += 1
                for quote in QUOTE_RE.findall(reason):
                    assert not {w.lower() for w in WORD_RE.findall(quote)} & STOP, reason
                    assert "[number]" not in quote and "<" not in quote
        # The reasons explain the decision: none speaks against a suggested claim,
        # none for a sentence left unsuggested (bar "..., not enough on its own").
        if found.checkworthy:
            assert not any(r.startswith(AGAINST) for r in reasons), found.reasons
        else:
            assert not any(r.startswith(FOR) for r in reasons), found.reasons
    if name == "model":
        assert quoted_words > 50  # the model's wording is still quoted, content words only


def test_bad_input_gets_its_type_and_one_or_two_reasons(name: str) -> None:
    for text, found in zip(BAD_INPUT, get_detector(name).detect(BAD_INPUT), strict=True):
        assert found.reasons[0] == _type_line(found), (text[:40], found.reasons)
        assert 1 <= len(found.reasons[1:]) <= 2, (text[:40], found.reasons)
    assert get_detector(name).detect([""])[0].reasons == [
        "claim type: not a claim",
        "empty: nothing to check",
    ]


def test_the_strongest_reasons_come_first_and_stop_words_are_never_the_evidence() -> None:
    a = analyse("I will give you two reasons, and the first is more than that.")
    weights = dict.fromkeys(FEATURE_NAMES, 0.0)
    weights.update({"span:quantity": 1.0, "span:comparison": 0.5, "cue:prediction": -2.0})
    contributions = [weights[n] for n in FEATURE_NAMES]
    # "two reasons" counts something; "the first" and "more than that" are stop words only.
    assert explain(a, contributions, True) == ["a number with what it counts: 'two reasons'"]
    assert explain(a, contributions, False) == ["a prediction, not checkable yet"]
    extra = [(3.0, "wording typical of checkable claims: 'reasons'")]
    assert explain(a, contributions, True, extra) == [
        "wording typical of checkable claims: 'reasons'",
        "a number with what it counts: 'two reasons'",
    ]
    nothing = [0.0] * len(FEATURE_NAMES)
    assert explain(a, nothing, True, whole="as a whole") == ["as a whole"]
    assert explain(analyse("Prices rose sharply across the whole region."), nothing, False) == [
        "no number, date, comparison or named source to check"
    ]


def test_the_models_wording_quotes_content_words_as_written() -> None:
    detector = ModelDetector(threshold=0.5)
    index = detector.model.vectoriser.index
    a = analyse("Putin denied that two of <num> were the problem.")
    wanted = ["putin", "denied", "the", "two", "of <num>"]
    assert all(term in index for term in wanted)
    parts = [(3.0 - k * 0.1, index[t]) for k, t in enumerate(reversed(wanted))]
    [(strength, reason)] = detector._word_reasons(a, parts)
    assert reason == "wording typical of checkable claims: 'denied', 'Putin'"
    assert strength == pytest.approx(2.7 + 2.6)  # 'of <num>', 'two' and 'the' are not shown
