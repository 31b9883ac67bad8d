# ruff: noqa: RUF001  (news text is full of typographic quotes)
"""Behaviour of the sentence segmenter on news text (pure Python, no database)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import pytest

from claims import segmentation
from claims.segmentation import split_paragraphs_and_sentences, split_sentences

if TYPE_CHECKING:
    from _typeshed import TraceFunction

SAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "claims" / "demo" / "sample_article.txt"


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# -- contract -----------------------------------------------------------------


def test_it_returns_no_sentence_for_empty_or_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\r\n\u2028\u3000 ") == []


def test_it_returns_code_point_offsets_stripped_of_whitespace() -> None:
    text = "  Café 😀 opened. \u00a0Its owner 👩‍🍳 smiled.  \n"
    assert split_sentences(text) == [(2, 16), (18, 39)]
    assert sentences(text) == ["Café 😀 opened.", "Its owner 👩‍🍳 smiled."]


def test_it_splits_on_full_stops_question_and_exclamation_marks() -> None:
    assert sentences("Talks failed. Why? Nobody knows! Work goes on.") == [
        "Talks failed.",
        "Why?",
        "Nobody knows!",
        "Work goes on.",
    ]


def test_it_keeps_repeated_punctuation_with_its_sentence() -> None:
    assert sentences("Really?! Yes!! Fine.") == ["Really?!", "Yes!!", "Fine."]


# -- newlines, headings, paragraphs -----------------------------------------


def test_it_ends_a_sentence_at_every_newline() -> None:
    text = "Retaliatory sanctions\nIt called for restrictions\r\non missiles\u2028Done"
    assert sentences(text) == [
        "Retaliatory sanctions",
        "It called for restrictions",
        "on missiles",
        "Done",
    ]


def test_it_numbers_paragraphs_by_non_blank_line() -> None:
    text = "Heading\n\n\nFirst one. Second one.\nLast line.\n\n"
    assert split_paragraphs_and_sentences(text) == [
        (0, 7, 0),
        (10, 20, 1),
        (21, 32, 1),
        (33, 43, 2),
    ]


def test_split_sentences_matches_the_paragraph_variant() -> None:
    text = "A heading\nOne. Two.\n\n- item\n"
    spans = split_paragraphs_and_sentences(text)
    assert split_sentences(text) == [(start, end) for start, end, _ in spans]


# -- abbreviations ---------------------------------------------------------


def test_it_does_not_split_inside_us_abbreviation() -> None:
    assert sentences("The U.S. Senate voted on Tuesday. Nothing changed.") == [
        "The U.S. Senate voted on Tuesday.",
        "Nothing changed.",
    ]


def test_it_does_not_split_inside_un_abbreviation() -> None:
    assert sentences("The U.N. Security Council met in New York.") == [
        "The U.N. Security Council met in New York."
    ]


def test_it_splits_after_us_when_a_new_sentence_starts() -> None:
    assert sentences("Troops left the U.S. They arrived in Poland.") == [
        "Troops left the U.S.",
        "They arrived in Poland.",
    ]


def test_it_does_not_split_after_titles_before_names() -> None:
    text = "Dr. Anthony Fauci and Gen. Mark Milley met Sen. Warren and Mr. Smith."
    assert sentences(text) == [text]


def test_it_does_not_split_before_a_number_after_no() -> None:
    assert sentences("Officials at No. 10 Downing Street declined.") == [
        "Officials at No. 10 Downing Street declined."
    ]


def test_it_does_not_split_inside_am_and_pm() -> None:
    assert sentences("Polls open at 7 a.m. and close at 8 p.m. on Tuesday.") == [
        "Polls open at 7 a.m. and close at 8 p.m. on Tuesday."
    ]


def test_it_splits_after_pm_at_the_end_of_a_sentence() -> None:
    assert sentences("The vote closed at 8 p.m. Results came later.") == [
        "The vote closed at 8 p.m.",
        "Results came later.",
    ]


def test_it_keeps_a_weekday_after_am_in_the_sentence() -> None:
    assert sentences("Talks begin at 9 a.m. Tuesday in Geneva.") == [
        "Talks begin at 9 a.m. Tuesday in Geneva."
    ]


def test_it_does_not_split_inside_a_decimal_amount() -> None:
    assert sentences("Washington promised $2.5 billion. Kyiv welcomed it.") == [
        "Washington promised $2.5 billion.",
        "Kyiv welcomed it.",
    ]


def test_it_does_not_split_after_approx_before_a_number() -> None:
    assert sentences("The fund holds approx. 30 percent of the shares.") == [
        "The fund holds approx. 30 percent of the shares."
    ]


def test_it_does_not_split_after_inc_before_a_lowercase_word() -> None:
    assert sentences("Acme Inc. said profits fell.") == ["Acme Inc. said profits fell."]


def test_it_splits_after_inc_at_the_end_of_a_sentence() -> None:
    assert sentences("The deal went to Acme Inc. The rival walked away.") == [
        "The deal went to Acme Inc.",
        "The rival walked away.",
    ]


def test_it_does_not_split_inside_a_month_abbreviation_date() -> None:
    assert sentences("The riot on Jan. 6 shocked the country.") == [
        "The riot on Jan. 6 shocked the country."
    ]


def test_it_does_not_split_after_a_middle_initial() -> None:
    assert sentences("President George W. Bush spoke.") == ["President George W. Bush spoke."]


def test_it_does_not_split_after_versus_in_a_case_name() -> None:
    assert sentences("Roe v. Wade was overturned. Protests followed.") == [
        "Roe v. Wade was overturned.",
        "Protests followed.",
    ]


def test_it_splits_after_a_year_before_a_sentence_starting_with_a_number() -> None:
    assert sentences("More than 13,000 died by 2014. 2015 was worse.") == [
        "More than 13,000 died by 2014.",
        "2015 was worse.",
    ]


def test_it_does_not_split_inside_web_or_email_addresses() -> None:
    assert sentences("Write to desk@news.example.org. See www.example.com/a.html now.") == [
        "Write to desk@news.example.org.",
        "See www.example.com/a.html now.",
    ]


# -- lists -----------------------------------------------------------------


def test_it_makes_each_line_of_a_dashed_or_bulleted_list_a_sentence() -> None:
    text = "Demands:\n- no expansion\n- a hotline\n• talks in Geneva"
    assert sentences(text) == ["Demands:", "- no expansion", "- a hotline", "• talks in Geneva"]


def test_it_splits_inline_bullets_into_items() -> None:
    assert sentences("• no new members • no new bases") == ["• no new members", "• no new bases"]


def test_it_splits_a_numbered_list_on_one_line_into_items() -> None:
    assert sentences("1. Sanctions on banks 2. Export controls 3. Travel bans") == [
        "1. Sanctions on banks",
        "2. Export controls",
        "3. Travel bans",
    ]


def test_it_splits_a_numbered_list_after_a_colon() -> None:
    assert sentences("Key points: 1. Sanctions 2. Troops") == [
        "Key points:",
        "1. Sanctions",
        "2. Troops",
    ]


def test_it_splits_a_lettered_list_with_parentheses_into_items() -> None:
    assert sentences("a) freeze assets b) expel diplomats c) close airspace") == [
        "a) freeze assets",
        "b) expel diplomats",
        "c) close airspace",
    ]


def test_it_does_not_split_an_enumeration_inside_a_sentence() -> None:
    text = "The options are: a) raise taxes, b) cut spending."
    assert sentences(text) == [text]


def test_it_does_not_split_after_a_list_number() -> None:
    assert sentences("1. The first item. 2. The second item.") == [
        "1. The first item.",
        "2. The second item.",
    ]


# -- quotations ------------------------------------------------------------


def test_it_splits_after_a_quotation_ending_with_a_full_stop() -> None:
    assert sentences('He said "we are ready." Then he left.') == [
        'He said "we are ready."',
        "Then he left.",
    ]


def test_it_splits_after_a_curly_quotation_ending_with_a_full_stop() -> None:
    assert sentences("Biden warned of “sanctions he has never seen before.” Moscow shrugged.") == [
        "Biden warned of “sanctions he has never seen before.”",
        "Moscow shrugged.",
    ]


def test_it_keeps_a_quotation_followed_by_its_attribution_together() -> None:
    text = "“Geneva is for the Americans.” he pointed out."
    assert sentences(text) == [text]


def test_it_splits_before_an_opening_curly_quote() -> None:
    assert sentences("He arrived. “We are ready,” he said.") == [
        "He arrived.",
        "“We are ready,” he said.",
    ]


def test_it_splits_after_a_question_inside_quotes() -> None:
    assert sentences("“Is it true?” she asked. “Yes!” he said.") == [
        "“Is it true?” she asked.",
        "“Yes!” he said.",
    ]


def test_it_keeps_a_full_stop_inside_parentheses_within_the_sentence() -> None:
    text = "He taught (he had been an engineer.) at the university."
    assert sentences(text) == [text]


# -- ellipses and dashes ---------------------------------------------------


def test_it_splits_after_a_three_dot_ellipsis_before_a_capital() -> None:
    assert sentences("He paused... Then he spoke.") == ["He paused...", "Then he spoke."]


def test_it_does_not_split_after_an_ellipsis_before_a_lowercase_word() -> None:
    text = "He paused … and then went on."
    assert sentences(text) == [text]


def test_it_splits_after_a_four_dot_ellipsis() -> None:
    assert sentences("It was over.... Nobody spoke.") == ["It was over....", "Nobody spoke."]


def test_it_never_splits_at_a_spaced_three_dot_ellipsis() -> None:
    text = "The talks . . . Washington said . . . were over."
    assert sentences(text) == [text]


def test_it_ends_the_sentence_at_the_stop_before_a_spaced_ellipsis() -> None:
    assert sentences("The deal was done. . . . Russia objected.") == [
        "The deal was done.",
        ". . . Russia objected.",
    ]


def test_it_does_not_split_at_a_bracketed_ellipsis() -> None:
    text = "“Russia [...]” (Reuters) reported it."
    assert sentences(text) == [text]


def test_it_does_not_split_at_hyphens_used_as_dashes() -> None:
    text = "The draft-an unusual step-came late - and Moscow -- again -- waited."
    assert sentences(text) == [text]


# -- the sample article ----------------------------------------------------

EXPECTED_SAMPLE_SENTENCES = [
    "On Friday (December 17) Russia issued a security proposal for NATO and the United States, "
    "and called for emergency talks with Washington, as tensions between Moscow and Western "
    "capitals have soared due to the conflict in Ukraine.",
    "Russia said these far-reaching proposals, which are vital to its security, stated that NATO "
    "must not allow any new members to join a military alliance headed by the United States and "
    "called for not establishing new military bases in the former Soviet Union.",
    "At a briefing with reporters after the publication of the draft, Russian Deputy Foreign "
    "Minister Sergey Ryabkov stated that Russia is preparing to hold emergency security talks with "
    "the United States “at the earliest” Saturday.",
    "He said: “We are ready to hold talks with the United States in a third country immediately, "
    "or even tomorrow-actually tomorrow, Saturday-with the United States in a third country,” he "
    "pointed out, “Geneva is for the Americans.”",
    "The publication of the draft agreement-an unusual step in international diplomacy-comes at a "
    "time of tension in relations between Russia and the West, especially the war in eastern "
    "Ukraine.",
    "The West accuses Moscow of preparing for the upcoming invasion, claiming that Russia has "
    "deployed tens of thousands of soldiers along the Ukrainian border.",
    "Russian President Vladimir Putin denied planning to launch an attack and blamed NATO for the "
    "escalation of tensions, demanding “legal guarantees” that the alliance will not expand "
    "eastward.",
    "Russia’s document submitted to NATO stated that Moscow and NATO should work to “prevent "
    "incidents in the Baltic and Black Sea regions” and stated that a telephone hotline should be "
    "established for “emergency contact”.",
    "Retaliatory sanctions",
    "It called for restrictions on the deployment of missiles and stated that NATO member states "
    "should “commit to avoid further expansion” of the organization.",
    "At the same time, the draft security treaty for the United States stated that Washington "
    "should prevent any former Soviet Union country from joining NATO.",
    "The clause came after Russia asked NATO to withdraw its commitment to hand over membership to "
    "the former Soviet Union, Georgia and Ukraine.",
    "Russia also stated in the draft document that the United States should agree not to establish "
    "military bases in the former Soviet Union including Central Asia.",
    "Western countries have discussed that if Putin launches an attack on Ukraine, it may impose "
    "coordinated sanctions on Moscow.",
    "After the pro-Kremlin president stepped down, the ongoing conflict in the eastern part of the "
    "country erupted, killing more than 13,000 people since 2014.",
    "US President Joe Biden warned Putin that if he launches an offensive, “sanctions he has never "
    "seen before.”",
    "EU leaders this week urged Moscow to stop its military buildup and resume negotiations led by "
    "France and Germany.",
    "The United States and European countries have repeatedly stated clearly that it is unlikely "
    "that Kiev will join NATO, which annoys Ukraine.",
    "But Washington helped train the Ukrainian army and promised to provide more than $2.5 billion "
    "in funding to support the army that collapsed after Russia annexed Ukraine’s Crimea peninsula "
    "in 2014.",
    "As a loyal servant of the Soviet Union, Putin was frustrated when the Soviet Union collapsed.",
    "He once called the collapse “the greatest geopolitical disaster of the 20th century.”",
]


def test_it_splits_the_sample_article_as_an_editor_would() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert sentences(text) == EXPECTED_SAMPLE_SENTENCES


def test_it_gives_the_sample_heading_and_last_sentences_their_paragraphs() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    spans = split_paragraphs_and_sentences(text)
    paragraphs = [paragraph for _, _, paragraph in spans]
    assert paragraphs == [*range(20), 19]
    assert text[spans[8][0] : spans[8][1]] == "Retaliatory sanctions"


# -- work grows linearly ---------------------------------------------------
#
# Counted, never timed: Python line events executed inside the module plus
# the characters that each regex call was allowed to scan. A rescan of the
# paragraph per candidate, or a quadratic loop, shows up in either count.


class CountingPattern:
    """Wraps a compiled pattern and adds the span each call may scan to `work`."""

    def __init__(self, pattern: re.Pattern[str], work: list[int]) -> None:
        self._pattern = pattern
        self._work = work
        self.pattern = pattern.pattern

    def _count(self, match: re.Match[str] | None, string: str, pos: int, endpos: int) -> None:
        self._work[0] += (match.end() if match else min(endpos, len(string))) - pos + 1

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        match = self._pattern.search(string, pos, endpos)
        self._count(match, string, pos, endpos)
        return match

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self._pattern.match(string, pos, endpos)
        self._work[0] += (found.end() - pos if found else 0) + 1
        return found

    def fullmatch(self, string: str) -> Any:
        self._work[0] += len(string) + 1
        return self._pattern.fullmatch(string)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        last = pos
        for match in self._pattern.finditer(string, pos, endpos):
            self._work[0] += match.end() - last + 1
            last = match.end()
            yield match
        self._work[0] += min(endpos, len(string)) - last


def count_work(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    work = [0]
    with monkeypatch.context() as patch:
        for name, value in vars(segmentation).items():
            if isinstance(value, re.Pattern):
                patch.setattr(segmentation, name, CountingPattern(value, work))
        module_file = segmentation.__file__

        def tracer(frame: FrameType, event: str, arg: Any) -> TraceFunction | None:
            if frame.f_code.co_filename != module_file:
                return None
            if event == "line":
                work[0] += 1
            return tracer

        previous = sys.gettrace()
        sys.settrace(tracer)
        try:
            split_sentences(text)
        finally:
            sys.settrace(previous)
    return work[0]


ADVERSARIAL_UNITS = {
    "news": "Dr. Roe met U.S. envoys at 9 a.m. “We agreed.” Costs rose to $2.5 billion.\n",
    "one_long_line": "Dr. Roe met U.S. envoys at 9 a.m. “We agreed.” He left... Then? ",
    "dot_runs": ".....x",
    "spaced_dots": ". ",
    "no_spaces": "a.b",
    "abbreviations": "U.S. Mr. No. p. ",
    "titles_in_one_sentence": "Dr. Gen. Mr. U.S. Senate No. 5 ",
    "lowercase_after_stops": "co. etc. a.m. ",
    "list_markers": "1. a) • ",
    "colon_lists": ": 1. ",
    "wide_gaps": "x.            ",
    "openers": "“(",
    "punctuation": "!?…",
    "blank_lines": " \n\r\n\u2028",
}


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS.values(), ids=ADVERSARIAL_UNITS.keys())
def test_its_work_grows_linearly_with_the_text(monkeypatch: pytest.MonkeyPatch, unit: str) -> None:
    size = 3_000
    small = unit * (size // len(unit))
    large = unit * (4 * size // len(unit))
    assert count_work(monkeypatch, large) <= 4.4 * count_work(monkeypatch, small) + 100


def test_its_work_stays_linear_on_a_long_token_before_a_full_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def text(n: int) -> str:
        return ("a" * n + ". B ") * 4

    assert count_work(monkeypatch, text(8_000)) <= 4.4 * count_work(monkeypatch, text(2_000))
