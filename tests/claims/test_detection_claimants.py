"""The claimant set, its scoring, and the command that prints it."""

from __future__ import annotations

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.detection.training.claimants import (
    CATEGORIES,
    CLAIMANTS_HELDOUT_PATH,
    ClaimantExample,
    format_claimant_reports,
    has_reporting_word,
    load_claimants,
    normalise_name,
    score_claimants,
)
from claims.detection.training.datasets import NEWS_PATH, NEWS_TRAIN_PATH, load_tsv
from claims.segmentation import split_sentences

SAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "claims" / "demo" / "sample_article.txt"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _example(claimant: str, category: str = "before", context: str = "") -> ClaimantExample:
    return ClaimantExample("X1", context, "A sentence.", claimant, category)


# The set itself.


def test_the_claimant_set_is_large_enough_and_covers_every_category() -> None:
    rows = load_claimants()
    counts = Counter(r.category for r in rows)
    assert len(rows) >= 300
    assert set(counts) == set(CATEGORIES)
    assert all(counts[c] >= 10 for c in CATEGORIES), counts
    assert sum(1 for r in rows if not r.claimant) >= 40
    assert len({r.id for r in rows}) == len(rows)
    assert len({_norm(r.sentence) for r in rows}) == len(rows)


def _both() -> list[ClaimantExample]:
    return load_claimants() + load_claimants(CLAIMANTS_HELDOUT_PATH)


def test_the_held_out_claimant_set_covers_every_category_apart_from_the_set() -> None:
    held_out = load_claimants(CLAIMANTS_HELDOUT_PATH)
    assert {r.category for r in held_out} == set(CATEGORIES)
    both = _both()
    assert len({r.id for r in both}) == len(both)
    assert len({_norm(r.sentence) for r in both}) == len(both)
    contexts = {_norm(r.context) for r in load_claimants() if r.context}
    assert not contexts & {_norm(r.context) for r in held_out if r.context}


def test_no_expected_claimant_holds_a_verb_or_report() -> None:
    offending = [r.claimant for r in _both() if has_reporting_word(r.claimant)]
    assert offending == []


def test_every_expected_claimant_is_written_in_its_sentence_or_context() -> None:
    for row in _both():
        where = row.context if row.category in ("pronoun", "reference") else row.sentence
        assert row.claimant in where, row.id
        if row.category in ("pronoun", "reference"):
            assert row.claimant not in row.sentence, row.id
        if row.category in ("anonymous", "none"):
            assert row.claimant == "", row.id
        else:
            assert row.claimant, row.id
            assert normalise_name(row.claimant) == row.claimant, row.id


def test_the_claimant_set_shares_no_sentence_with_the_news_sets_or_the_sample_article() -> None:
    others = {_norm(t) for path in (NEWS_PATH, NEWS_TRAIN_PATH) for t in load_tsv(path).texts}
    sample = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    others |= {_norm(sample[s:e]) for s, e in split_sentences(sample)}
    assert others, "the other sets did not load"
    for row in _both():
        for text in (row.sentence, row.context):
            if text:
                assert _norm(text) not in others, row.id
                assert _norm(text) not in _norm(sample), row.id


# The scoring.


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the Ministry of Health", "Ministry of Health"),
        ("  Russia's ", "Russia"),
        ("\u201cEurostat,", "Eurostat"),
        ("A spokesman", "spokesman"),
        ("", ""),
    ],
)
def test_names_are_compared_without_articles_punctuation_or_possessive(
    name: str, expected: str
) -> None:
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("NATO stated", True),
        ("Eurostat reported", True),
        ("US President Joe Biden warned", True),
        ("according to report", True),
        ("the report", True),
        ("Joe Biden", False),
        ("United States", False),
        ("State Department", False),
        ("Reporters Without Borders", False),
    ],
)
def test_a_reporting_verb_or_report_is_found_in_a_name(name: str, verb: bool) -> None:
    assert has_reporting_word(name) is verb


def test_the_score_counts_exact_matches_per_category_and_verbs() -> None:
    examples = [
        _example("Joe Biden"),
        _example("Ministry of Health", "institution"),
        _example("Anna Kim", "pronoun", "Anna Kim spoke."),
        _example("", "none"),
    ]
    report = score_claimants("x", examples, ["Joe Biden said", "the Ministry of Health", "", ""])
    assert (report.n, report.correct) == (4, 2)
    assert report.accuracy == 0.5
    assert report.by_category == {
        "before": [1, 0],
        "institution": [1, 1],
        "pronoun": [1, 0],
        "none": [1, 1],
    }
    assert (report.predicted, report.with_verb) == (2, 1)
    assert report.verb_examples == ["Joe Biden said"]
    assert report.errors == [("X1", "Joe Biden", "Joe Biden said"), ("X1", "Anna Kim", "")]
    assert report.accuracy_without(frozenset({"pronoun"})) == pytest.approx(2 / 3)
    table = format_claimant_reports([report])
    assert "institution" in table and "1.000" in table and "1/2" in table


def test_a_claimant_where_there_is_none_is_an_error() -> None:
    report = score_claimants("x", [_example("", "none")], ["the report"])
    assert report.correct == 0 and report.with_verb == 1


def test_the_score_refuses_predictions_that_do_not_line_up() -> None:
    with pytest.raises(ValueError):
        score_claimants("x", [_example("A")], [])


def test_a_malformed_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text("id\tcontext\tsentence\tclaimant\tcategory\nC1\t\tA said.\tA\n")
    with pytest.raises(ValueError, match="5 fields"):
        load_claimants(path)


# The command.


def test_evaluate_detector_prints_the_claimant_figures_without_claimbuster_data(
    tmp_path: Path,
) -> None:
    out = StringIO()
    call_command("evaluate_detector", "--claimants-only", "--data", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "claimants: " in text
    for category in CATEGORIES:
        assert f"\n{category} " in text
    assert "with a verb" in text
    assert "attribution" in text and "context" in text
