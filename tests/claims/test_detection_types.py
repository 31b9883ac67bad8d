"""Claim types (claims/detection/types.py): the rules, their precedence, the confusion table.

Invented sentences only (none from the data sets).  The contract tests check the
type on every detector; these check the rules themselves.
"""

from __future__ import annotations

import pytest

from claims.detection import CLAIM_TYPES
from claims.detection.features import analyse
from claims.detection.training.claim_types import type_confusion
from claims.detection.types import claim_type, type_reason, typed_reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Several apply: the first in the order of the rules wins.
        ("The central bank forecasts that unemployment will fall to 4%.", "prediction"),
        ("Prices could rise sharply this winter.", "prediction"),
        ("Smoking causes 8 million deaths a year.", "correlation_causation"),
        ("Crime fell because of the new law.", "correlation_causation"),
        ("The law caps rent increases at 3% a year.", "laws_rules"),
        ("The Clean Water Act was passed in 1972.", "laws_rules"),
        ("I paid 40% of my income in tax in 2019.", "quantity"),
        ("Exports grew faster than imports.", "quantity"),
        ("Inflation rose sharply.", "quantity"),
        ("I grew up on a farm near the border.", "personal_experience"),
        # A politician's "we" is checkable, not personal experience.
        ("I promise you we closed the gap since I took office.", "other"),
        ("The committee met on Tuesday.", "other"),
    ],
)
def test_the_first_rule_that_applies_gives_the_type(text: str, expected: str) -> None:
    assert claim_type(analyse(text), True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not_claim"),
        ("Thank you all for coming tonight.", "not_claim"),
        ("Will the minister resign over the 40% rise?", "not_claim"),
        ("Let's get this done together.", "not_claim"),
        ("I believe we should do better.", "not_claim"),
        ("That is simply not good enough.", "not_claim"),
        # Not check-worthy, but with a checkable part or a type of its own.
        ("We will win this election.", "prediction"),
        ("I think 40% is far too much.", "quantity"),
        ("The ministry announced the plan on Monday.", "other"),
    ],
)
def test_a_sentence_not_checkworthy_is_not_a_claim_only_without_a_checkable_part(
    text: str, expected: str
) -> None:
    assert claim_type(analyse(text), False) == expected


def test_an_empty_sentence_is_not_a_claim_even_when_called_checkworthy() -> None:
    assert claim_type(analyse(""), True) == "not_claim"
    assert claim_type(analyse(" \x00 "), True) == "not_claim"


def test_the_type_line_comes_first_and_at_most_two_reasons_follow() -> None:
    assert type_reason("quantity") == "claim type: quantity in the past or present"
    assert typed_reasons("not_claim", ["a", "b", "c"]) == ["claim type: not a claim", "a", "b"]
    assert typed_reasons("other", ["a"]) == ["claim type: other claim", "a"]
    with pytest.raises(KeyError):
        type_reason("opinion")


def test_the_confusion_table_has_gold_rows_predicted_columns_and_per_type_figures() -> None:
    gold = ["quantity", "quantity", "quantity", "prediction", "not_claim", "other"]
    predicted = ["quantity", "quantity", "prediction", "prediction", "other", "other"]
    table = type_confusion(gold, predicted).splitlines()
    header = ["gold", "/", "predicted", "quantity", "prediction", "other", "not_claim"]
    assert table[0].split() == header
    rows = {line.split()[0]: line.split()[1:] for line in table[2:6]}
    assert rows["quantity"] == ["2", "1", "0", "0"]
    assert rows["prediction"] == ["0", "1", "0", "0"]
    assert rows["not_claim"] == ["0", "0", "1", "0"]
    figures = {line.split()[0]: line.split()[1:] for line in table[8:12]}
    # type: gold, predicted, precision, recall
    assert figures["quantity"] == ["3", "2", "1.000", "0.667"]
    assert figures["prediction"] == ["1", "2", "0.500", "1.000"]
    assert figures["other"] == ["1", "2", "0.500", "1.000"]
    assert figures["not_claim"] == ["1", "0", "-", "0.000"]
    assert table[-1] == "accuracy 0.667 over 6 sentences"


def test_the_confusion_table_shows_unknown_labels_and_refuses_uneven_lists() -> None:
    table = type_confusion(["quantity", "opinion"], ["quantity", "quantity"])
    assert "opinion" in table.splitlines()[0]
    assert set(CLAIM_TYPES) - {"quantity"} == {
        t for t in CLAIM_TYPES if t not in table.splitlines()[0].split()
    }
    with pytest.raises(ValueError, match="2 gold types but 1 predicted"):
        type_confusion(["quantity", "other"], ["quantity"])


def test_suggestion_figures_count_precision_and_recall_on_high_priority() -> None:
    from claims.detection.training.claim_types import suggestion_figures

    line = suggestion_figures(
        ["high", "high", "routine", "none", "high"], [True, False, True, False, True]
    )
    # 3 suggestions of 5 sentences; 2 of them high (precision 2/3), 2 of 3 high found.
    assert line == (
        "suggestions: 3 of 5 sentences (60.0 per 100); on high priority (3 sentences): "
        "precision 0.667, recall 0.667"
    )
    assert "precision -, recall -" in suggestion_figures(["none"], [False])
    with pytest.raises(ValueError):
        suggestion_figures(["high"], [])
