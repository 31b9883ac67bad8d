"""The claimant extractor: the name alone, never its verb; pronouns resolved from the article."""

from __future__ import annotations

import pytest

from claims.detection.claimant import claimant_name, find_claimant
from claims.detection.training.claimants import (
    CLAIMANTS_HELDOUT_PATH,
    has_reporting_word,
    load_claimants,
    score_claimants,
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The cases the issue reports, and their kin.
        ("Russia's document submitted to NATO stated that the alliance grew.", "Russia"),
        ("US President Joe Biden warned of sanctions never seen before.", "Joe Biden"),
        ("Unemployment fell to 6 percent, according to Eurostat.", "Eurostat"),
        ("The Ministry of Health said 300 nurses were hired.", "Ministry of Health"),
        ('"Prices have fallen," said Finance Minister Ana Ruiz.', "Ana Ruiz"),
        ('"Prices have fallen," the minister, Ana Ruiz, told reporters.', "Ana Ruiz"),
        ("Ana Ruiz, the finance minister, said prices fell.", "Ana Ruiz"),
        ("It was announced by the Ministry of Transport that fares rose.", "Ministry of Transport"),
        ("Reuters reported that Minister Ali Hassan said output rose.", "Ali Hassan"),
        ("The deal is worth 3 billion dollars, according to Reuters.", "Reuters"),
        ("Minister Ali Hassan said the IMF had told him growth was 3 percent.", "Ali Hassan"),
        ("Rita Holm denied Senator Jo Park's claim that 40 clinics closed.", "Jo Park"),
        ("Rita Holm said jobs grew, but Jo Park said they fell.", "Rita Holm"),
        ("Biden: inflation will fall this year", "Biden"),
        ("Inflation has peaked, says Vermeulen", "Vermeulen"),
        ("WHO warns of cholera surge", "WHO"),
        ("Police said three men were arrested.", "Police"),
    ],
)
def test_the_claimant_is_the_name_alone(sentence: str, expected: str) -> None:
    assert claimant_name(sentence) == expected
    span = find_claimant(sentence)
    assert span is not None and sentence[span[0] : span[1]] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the fire started in the kitchen.",
        "A report published on Monday found that 1 in 4 children lives in poverty.",
        "It was reported that 200 workers had not been paid.",
        "Critics say the scheme cost 600 million pounds.",
        "The Senate passed the bill by 61 votes to 38 on Wednesday.",
        "He said waiting times had fallen.",
        "The ministry said 4,200 nurses were recruited.",
    ],
)
def test_a_sentence_that_names_nobody_has_no_claimant(sentence: str) -> None:
    assert find_claimant(sentence) is None
    assert claimant_name(sentence) == ""


def test_pronouns_and_references_back_resolve_to_the_article_s_last_name() -> None:
    context = "Health Secretary Maria Lopez visited the hospital on Monday."
    assert claimant_name("She said waiting times fell by a third.", context) == "Maria Lopez"
    assert claimant_name("According to her, 300 beds were added.", context) == "Maria Lopez"
    ministry = "The Ministry of Health published its figures. It was a busy week."
    assert claimant_name("The ministry said 4,200 nurses were hired.", ministry) == (
        "Ministry of Health"
    )
    pm = "Prime Minister Keir Dalton visited the shipyard in Glasgow."
    assert claimant_name("The prime minister said 3,000 jobs were safe.", pm) == "Keir Dalton"
    later = "Anna Berg spoke first. Then Minister Tom Lind took the floor."
    assert claimant_name("He said exports grew.", later) == "Tom Lind"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01 said \x02", "x" * 100_000, "said " * 20_000, "Путин said 你好: ok"],
)
def test_bad_input_gives_no_claimant_or_a_name_and_never_raises(text: str) -> None:
    name = claimant_name(text, text)
    assert isinstance(name, str) and not has_reporting_word(name)
    span = find_claimant(text)
    assert span is None or 0 <= span[0] < span[1] <= len(text)


@pytest.mark.parametrize("path", [None, CLAIMANTS_HELDOUT_PATH])
def test_the_extractor_meets_the_target_on_the_claimant_sets(path: object) -> None:
    examples = load_claimants() if path is None else load_claimants(CLAIMANTS_HELDOUT_PATH)
    predictions = [claimant_name(e.sentence, e.context) for e in examples]
    report = score_claimants("claimant", examples, predictions)
    assert report.with_verb == 0
    # The held-out set was written after the rules and is smaller; its bar is lower.
    assert report.accuracy >= (0.95 if path is None else 0.85), report.errors


def test_detections_carry_the_claimant_s_name_alone_and_the_same_score() -> None:
    from claims.detection import SPAN_KINDS, get_detector
    from claims.detection.features import FeatureDetector

    text = "Russia's document submitted to NATO stated that the alliance grew five times."
    for detector in (get_detector(), FeatureDetector()):
        (detection,) = detector.detect([text])
        claimants = [text[s:e] for s, e, kind in detection.spans if kind == "claimant"]
        assert claimants == ["Russia"]
        assert all(kind in SPAN_KINDS for _, _, kind in detection.spans)
    plain = "The document submitted stated that the alliance grew five times."
    (detection,) = FeatureDetector().detect([plain])
    assert not any(kind == "claimant" for _, _, kind in detection.spans)


@pytest.mark.django_db(transaction=True)
def test_the_pipeline_stores_the_name_and_resolves_a_pronoun_from_the_article() -> None:
    from claims import services
    from claims.models import Claim, Sentence

    body = (
        "Health Secretary Maria Lopez visited the hospital in Leeds on Monday. "
        "She said waiting times for cancer treatment had fallen by 34 percent since 2021. "
        "US President Joe Biden warned that inflation had reached 9.1 percent in June."
    )
    article = services.article_create(body=body)
    sentences = list(Sentence.objects.filter(article=article).order_by("index"))
    assert [services.sentence_claimant(s) for s in sentences] == [
        "",
        "Maria Lopez",
        "Joe Biden",
    ]
    for claim in Claim.objects.filter(article=article):
        assert claim.claimant in ("Maria Lopez", "Joe Biden")
        assert not has_reporting_word(claim.claimant)
