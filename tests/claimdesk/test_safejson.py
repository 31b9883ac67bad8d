"""claimdesk.safejson.loads: JSON from outside, with the limits the standard library lacks."""

from __future__ import annotations

import json

import pytest

from claimdesk.safejson import MAX_DEPTH, JSONRejected, first_non_text, loads


def rejected(text: str) -> JSONRejected:
    with pytest.raises(JSONRejected) as caught:
        loads(text)
    return caught.value


def test_it_parses_ordinary_json_as_the_standard_library_does():
    text = '{"a": [1, 2.5, -3, "\\u00e9\\ud83d\\ude00", true, null], "b": {"c": "[{"}}'
    assert loads(text) == json.loads(text)


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_nesting_past_the_limit_is_refused_without_recursion(opening):
    closing = "]" if opening == "[" else "}"
    deep = opening * 100_000 + "1" + closing * 100_000
    assert "nested more than 64 levels deep" in str(rejected(deep))


def test_nesting_up_to_the_limit_is_accepted():
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert "nested more than 64" in str(rejected("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)))


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"text": "[" * 1000 + '\\"{' * 500})
    assert loads(text)["text"].startswith("[[[")


def test_a_number_too_long_for_python_is_refused_not_a_value_error():
    error = rejected('{"n": ' + "7" * 5000 + "}")
    assert "more than 4,300 digits" in error.message


@pytest.mark.parametrize("text", ["[1e999]", "[-1e999]", "NaN", "[Infinity]", "[-Infinity]"])
def test_numbers_no_json_column_can_store_are_refused(text):
    assert rejected(text).message


@pytest.mark.parametrize(
    ("text", "where", "char"),
    [
        ('{"body": "a\\u0000b"}', "body", "U+0000"),
        ('{"a": {"b": ["ok", "\\ud800"]}}', "a.b[1]", "U+D800"),
        ('[{"x": "\\udfff"}]', "[0].x", "U+DFFF"),
        ('{"k\\udc00": 1}', "k\\udc00", "U+DC00"),
        ('"\\u0000"', "document", "U+0000"),
    ],
)
def test_nul_and_lone_surrogates_are_refused_naming_where(text, where, char):
    error = rejected(text)
    assert error.where == where
    assert char in error.message
    str(error).encode("utf-8")  # the message itself can be sent


def test_a_surrogate_pair_is_text():
    assert loads('"\\ud83d\\ude00"') == "\U0001f600"


def test_syntax_errors_carry_the_line_and_column():
    error = rejected('{"a": 1,\n  "b": }')
    assert (error.line, error.column) == (2, 8)
    assert "not valid JSON" in error.message and "at line 2 column 8" in str(error)


def test_check_text_false_leaves_the_text_check_to_the_caller():
    value = loads('[{"a": "\\u0000"}]', check_text=False)
    assert first_non_text(value) == ("[0].a", "contains U+0000 (NUL), which is not text")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 70 + '"' + "a" * 1_000_000,  # a string never closed
        "[" * 70 + '"\\' * 500_000,  # quote, backslash, quote, backslash...
        "[" * 70 + '"' * 1_000_000,
        "[" * 70 + '"abc\\',  # a backslash at the very end
    ],
)
def test_the_nesting_scan_reads_unclosed_strings_once(text):
    # The first string pattern re-scanned from every quote: quadratic, minutes on
    # these.  The brackets before the string are counted either way.
    assert "nested more than 64 levels deep" in str(rejected(text))
