"""Outside input to article text: decoding, HTML and Markdown reduction, normalisation."""

from __future__ import annotations

import re

import pytest

from claims.extraction import (
    ArticleRejected,
    decode_bytes,
    extract_file,
    extract_html,
    extract_markdown,
    file_kind,
    normalise_body,
)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Floods hit the valley</title>
<script>var tracking = "SCRIPT_IN_HEAD";</script><style>.menu { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">NAV_NEWS_LINK</a></li>
<li><a href="/sport">NAV_SPORT_LINK</a></li></ul></nav>
<header><div class="menu">Subscribe now · Log in · Register</div></header>
<article><h1>Floods hit the valley</h1>
<p>More than 13,000 people were evacuated from the valley on Tuesday, the regional
government said in a statement.</p>
<p>The river rose by <b>four metres</b> in a single night, the highest level recorded
since 1998, according to the national weather service.</p>
<script>document.write("SCRIPT_IN_BODY")</script>
<p>Officials said the damage would cost at least 200 million euros to repair, twice
the estimate given last week.</p>
</article>
<footer><p>FOOTER_COPYRIGHT 2024 Example News. Privacy policy. Cookie settings.</p></footer>
</body></html>"""

TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


# --- HTML -------------------------------------------------------------------------------------


def test_html_is_reduced_to_the_article_text():
    extracted = extract_html(NEWS_PAGE)
    assert "More than 13,000 people were evacuated" in extracted.body
    assert "four metres" in extracted.body
    assert "200 million euros" in extracted.body
    assert extracted.title == "Floods hit the valley"


@pytest.mark.parametrize(
    "unwanted",
    [
        "SCRIPT_IN_HEAD",
        "SCRIPT_IN_BODY",
        "document.write",
        "color: red",
        "NAV_NEWS_LINK",
        "NAV_SPORT_LINK",
        "FOOTER_COPYRIGHT",
    ],
)
def test_html_scripts_styles_and_navigation_do_not_reach_the_body(unwanted):
    assert unwanted not in extract_html(NEWS_PAGE).body


def test_html_tags_do_not_reach_the_body():
    body = extract_html(NEWS_PAGE).body
    assert not TAG.search(body)
    assert "<" not in body


def test_html_entities_become_characters():
    page = (
        "<html><body><article><p>Profits &amp; losses rose by 5&nbsp;% &lt;again&gt;, "
        "the ministry said on Monday in a short statement.</p></article></body></html>"
    )
    body = extract_html(page).body
    assert "Profits & losses" in body
    assert "&amp;" not in body


def test_a_bare_html_fragment_still_yields_its_text():
    """A single paragraph uploaded as .html: trafilatura rejects fragments without <html>."""
    extracted = extract_file("snippet.html", b"<p>Unemployment fell to 4.1% in March.</p>")
    assert extracted.body.strip() == "Unemployment fell to 4.1% in March."


def test_a_multi_block_html_fragment_yields_its_text_without_tags():
    fragment = (
        "<h2>Budget</h2><p>The deficit reached 3.2% of GDP in 2023.</p>"
        "<script>alert(1)</script><p>Debt stood at 62%.</p>"
    )
    body = extract_file("frag.htm", fragment.encode()).body
    assert "3.2% of GDP" in body and "Debt stood at 62%." in body
    assert "alert" not in body and "<" not in body


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_is_reduced_to_text_with_the_first_heading_as_title():
    md = (
        "# Inflation report\n\nPrices rose by **7%** in [2023](http://x.org).\n\n"
        "- one item\n- two items\n\n## Later\n\nMore text.\n"
    )
    extracted = extract_markdown(md)
    assert extracted.title == "Inflation report"
    assert "Prices rose by 7% in 2023." in extracted.body
    assert "**" not in extracted.body and "](" not in extracted.body and "#" not in extracted.body
    assert "one item" in extracted.body and "More text." in extracted.body


def test_raw_html_in_markdown_does_not_reach_the_body():
    extracted = extract_markdown("Safe text here.\n\n<script>alert(1)</script>\n")
    assert "Safe text here." in extracted.body
    assert "<script>" not in extracted.body


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("a.TEXT", "text"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.html", "html"),
        ("A.HTM", "html"),
    ],
)
def test_the_file_type_comes_from_the_suffix(name, kind):
    assert file_kind(name) == kind


@pytest.mark.parametrize("name", ["report.pdf", "notes.docx", "README", "data.jsonl"])
def test_an_unsupported_file_type_is_refused_with_the_accepted_ones_named(name):
    with pytest.raises(ArticleRejected) as caught:
        file_kind(name)
    assert caught.value.code == "unsupported_type"
    assert caught.value.field == "file"
    assert name in caught.value.message
    assert ".txt" in caught.value.message and ".html" in caught.value.message


def test_latin1_bytes_are_refused_with_the_position_of_the_bad_byte():
    data = "Café prices".encode("latin-1")
    with pytest.raises(ArticleRejected) as caught:
        decode_bytes(data, name="prices.txt")
    assert caught.value.code == "undecodable"
    assert "prices.txt" in caught.value.message
    assert "UTF-8" in caught.value.message
    assert "byte 3" in caught.value.message


def test_a_utf8_byte_order_mark_is_dropped():
    assert decode_bytes("\ufeffHello".encode(), name="x.txt") == "Hello"


def test_a_text_file_is_taken_as_is():
    assert extract_file("a.txt", b"Plain <b>text</b>.").body == "Plain <b>text</b>."


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\u2028b\u2029c\x85d", "a\nb\nc\nd"),
        ("e\u0301", "\u00e9"),
        ("a\x00b\x07c\x1bd\x7fe\x9ff", "abcdef"),
        ("tab\there", "tab\there"),
        ("line   \nnext", "line\nnext"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("  \n padded \n  ", "padded"),
    ],
)
def test_normalise_body(raw, expected):
    assert normalise_body(raw) == expected


def test_normalising_twice_changes_nothing():
    raw = "  Cafe\u0301\r\n\r\n\r\n\x00x  \t\n"
    once = normalise_body(raw)
    assert normalise_body(once) == once
