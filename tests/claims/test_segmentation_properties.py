# ruff: noqa: RUF001  (the pieces are typographic on purpose)
"""Invariants of the sentence segmenter on arbitrary Unicode text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.segmentation import split_paragraphs_and_sentences, split_sentences

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Pieces that exercise the rules, mixed with awkward code points: NUL,
# combining marks, emoji with joiners, odd spaces and every line break.
PIECES = [
    ". ",
    "... ",
    ". . . . ",
    "?! ",
    "!",
    "U.S. ",
    "a.m. ",
    "Mr. ",
    "No. 10 ",
    "p. ",
    "Inc. ",
    "I. ",
    "1. ",
    "2. ",
    "a) ",
    "b) ",
    "(1) ",
    "• ",
    "⁃",
    "- ",
    ": ",
    "“",
    "”",
    "'",
    '"',
    "(",
    ")",
    "[...]",
    "The ",
    "he ",
    "It ",
    "said",
    "2.5",
    "$",
    "\x00",
    "e\u0301",
    "\u0301",
    "😀",
    "👩‍🍳",
    "\u00a0",
    "\u3000",
    "\t",
    "\u200b",
    "。",
    "ß",
    "ǅ",
    "İ",
    *LINE_BREAKS,
    "\r\n",
    "  ",
]

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_its_spans_are_ordered_stripped_non_empty_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        previous_end = end


@settings(max_examples=400, deadline=None)
@given(texts)
def test_it_leaves_only_whitespace_between_sentences(text: str) -> None:
    covered = 0
    for start, end in split_sentences(text):
        assert text[covered:start].strip() == ""
        covered = end
    assert text[covered:].strip() == ""


@settings(max_examples=400, deadline=None)
@given(texts)
def test_no_sentence_crosses_a_line_break(text: str) -> None:
    for start, end in split_sentences(text):
        assert not any(char in LINE_BREAKS for char in text[start:end])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_paragraph_indexes_follow_the_non_blank_lines(text: str) -> None:
    spans = split_paragraphs_and_sentences(text)
    assert [(start, end) for start, end, _ in spans] == split_sentences(text)
    lines = [line for line in text.splitlines() if line.strip()]
    indexes = [paragraph for _, _, paragraph in spans]
    assert indexes == sorted(indexes)
    assert set(indexes) == set(range(len(lines)))
    for start, end, paragraph in spans:
        assert text[start:end] in lines[paragraph]
