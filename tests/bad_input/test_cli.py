"""Bad input through the command line: import_articles, import_claimreview and export's
arguments.  Each is reported with what is wrong and where (file:line, argument), the
command ends with CommandError (exit status 1, no traceback), and nothing of the bad
input is written; in a bulk import the good inputs around it still are."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from publishing.models import PriorFactCheck
from tests.bad_input.world import XSS, assert_unchanged, db_state

pytestmark = pytest.mark.django_db


def command(*args: str) -> tuple[str, str, CommandError]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


# --- import_articles: one bad JSONL line between two good ones ---------------------------------

BAD_LINES = {
    "not-json": ("{body: 'x'}", "not valid JSON"),
    "truncated": ('{"body": "cut', "not valid JSON"),
    "a-list": ('["a"]', "expected a JSON object"),
    "null": ("null", "expected a JSON object"),
    "nested-950": (
        '{"body": "x", "t": ' + "[" * 950 + "]" * 950 + "}",
        "nested more than 64 levels",
    ),
    "number-of-5000-digits": ('{"body": "x", "n": ' + "5" * 5000 + "}", "4,300 digits"),
    "infinity": ('{"body": "x", "n": -1e999}', "out of range"),
    "nan": ('{"body": "x", "n": NaN}', "NaN is not a JSON value"),
    "body-a-number": ('{"body": 5}', "'body' must be a string"),
    "body-missing": ('{"title": "x"}', "'body' is missing or empty"),
    "body-zero-width": ('{"body": "\\u200b\\u2060\\ufeff"}', "no visible text"),
    "body-nul": ('{"body": "a\\u0000b"}', "'body' contains U+0000"),
    "body-lone-surrogate": ('{"body": "a\\ud800b"}', "U+D800"),
    "title-too-long": (json.dumps({"body": "x", "title": "t" * 301}), "title is 301 characters"),
    "url-javascript": (json.dumps({"body": "x", "url": "javascript:alert(1)"}), "not an http(s)"),
    "url-data": (json.dumps({"body": "x", "url": "data:text/html,x"}), "not an http(s)"),
    "unknown-field": (json.dumps({"body": "x", "colour": "red"}), "unknown field(s) colour"),
    "unknown-format": (json.dumps({"body": "x", "format": "docx"}), "unknown format 'docx'"),
    "date-year-10000-in-utc": (
        json.dumps({"body": "x", "published_at": "9999-12-31T23:59:59-14:00"}),
        "is out of range",
    ),
    "date-offset-25-hours": (
        json.dumps({"body": "x", "published_at": "2024-01-01T00:00:00+25:00"}),
        "not an ISO 8601 date",
    ),
    "date-february-30": (json.dumps({"body": "x", "published_at": "2024-02-30"}), "ISO 8601"),
    "date-a-number": (json.dumps({"body": "x", "published_at": 20240101}), "ISO 8601"),
    "latin1-bytes": ('{"body": "caf\xe9"}', "not valid UTF-8"),
    "html-only-script": (
        json.dumps({"body": "<script>alert(1)</script>", "format": "html"}),
        "empty",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_import_articles_reports_a_bad_line_and_imports_the_others(tmp_path, name):
    line, reason = BAD_LINES[name]
    path = tmp_path / "import.jsonl"
    encoded = line.encode("latin-1" if name == "latin1-bytes" else "utf-8")
    before, after = b'{"body": "Good line before."}', b'{"body": "Good line after."}'
    path.write_bytes(b"\n".join([before, encoded, after]) + b"\n")
    out, _, error = command("import_articles", "--no-progress", str(path))
    assert "imported 2, duplicate 0, rejected 1" in out
    assert "1 input(s) rejected" in str(error)
    reported = [row for row in out.splitlines() if row.startswith(f"{path}:2:")]
    assert len(reported) == 1 and reason in reported[0], out
    assert sorted(Article.objects.values_list("body", flat=True)) == [
        "Good line after.",
        "Good line before.",
    ]


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "a.pdf": (b"%PDF-1.4", "unsupported file type '.pdf'"),
    "a.txt": ("Café".encode("latin-1"), "not valid UTF-8"),
    "b.txt": (b"", "body is empty"),
    "c.txt": ("\u200b\u200b\n".encode(), "no visible text"),
    "d.md": (b"\x00\x01\x02", "body is empty"),
    "e.html": (b"<html><head><script>alert(1)</script></head></html>", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_import_articles_reports_a_bad_file_and_imports_nothing_of_it(tmp_path, name):
    content, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    before = db_state()
    out, _, _ = command("import_articles", "--no-progress", str(path))
    assert "imported 0, duplicate 0, rejected 1" in out
    assert f"{path}:" in out and reason in out
    assert_unchanged(before)


def test_import_articles_refuses_an_unknown_user_before_reading_anything(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Fine text.", encoding="utf-8")
    _, _, error = command("import_articles", "--user", "nobody-here", str(path))
    assert "no user named 'nobody-here'" in str(error)
    assert Article.objects.count() == 0


# --- import_claimreview -------------------------------------------------------------------------

GOOD = {"@type": "ClaimReview", "url": "https://checks.example/1", "claimReviewed": "A claim."}
BAD_DOCUMENTS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "it is empty"),
    "not-utf8": ('{"claimReviewed": "é"}'.encode("latin-1"), "cannot read it"),
    "not-json": (b"{claimReviewed: 1}", "not valid JSON"),
    "nested-950": (b"[" * 950 + b"]" * 950, "nested more than 64 levels"),
    "number-of-5000-digits": (b'[{"n": ' + b"1" * 5000 + b"}]", "4,300 digits"),
    "infinity": (
        json.dumps({**GOOD, "reviewRating": {"ratingValue": 0}}).encode().replace(b"0}", b"1e999}"),
        "1e999 is out of range",
    ),
    "nul": (json.dumps({**GOOD, "claimReviewed": "a\x00"}).encode(), "U+0000"),
    "surrogate": (json.dumps({**GOOD, "author": {"name": "\ud800"}}).encode(), "U+D800"),
    "not-a-claim-review": (json.dumps({**GOOD, "@type": "Article"}).encode(), "ClaimReview"),
    "url-javascript": (json.dumps({**GOOD, "url": "javascript:x"}).encode(), "not an http"),
    "strings": (b'["a string"]', "must be a JSON object"),
    "bad-jsonl-line": (json.dumps(GOOD).encode() + b"\n{oops\n", "line 2 column 2"),
}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
@pytest.mark.parametrize("strict", [False, True])
def test_import_claimreview_reports_a_bad_file_and_imports_nothing_of_it(tmp_path, name, strict):
    content, reason = BAD_DOCUMENTS[name]
    path = tmp_path / "reviews.json"
    path.write_bytes(content)
    out, err = StringIO(), StringIO()
    args = ["import_claimreview", str(path)] + (["--strict"] if strict else [])
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:
        assert "not imported" in str(error)
    else:
        # Lenient (the default): a document that is read but invalid is skipped and
        # reported; only a file that cannot be read at all fails the run.
        assert not strict and "imported 0, skipped 1" in out.getvalue()
    assert reason in out.getvalue() + err.getvalue()
    assert PriorFactCheck.objects.count() == 0


def test_import_claimreview_reports_a_missing_file(tmp_path):
    _, err, _ = command("import_claimreview", str(tmp_path / "missing.json"))
    assert "missing.json: cannot read it" in err


# --- export arguments ---------------------------------------------------------------------------

BAD_EXPORTS: dict[str, tuple[list[str], str]] = {
    "unknown-format": (["--format", "pdf", "--output", "-"], "invalid choice: 'pdf'"),
    "no-output": (["--format", "csv"], "--output"),
    "article-words": (["--format", "csv", "--output", "-", "--article", "abc"], "--article"),
    "article-past-any-integer": (
        ["--format", "csv", "--output", "-", "--article", "9" * 30],
        "--article",
    ),
    "unknown-status": (["--format", "csv", "--output", "-", "--status", "nope"], "--status"),
    "min-score-words": (["--format", "jsonl", "--output", "-", "--min-score", "x"], "--min-score"),
    "created-after-words": (
        ["--format", "csv", "--output", "-", "--created-after", "yesterday"],
        "--created-after",
    ),
    "created-after-year-10000-in-utc": (
        ["--format", "csv", "--output", "-", "--created-after", "9999-12-31T23:59:59-14:00"],
        "--created-after",
    ),
    "published-before-year-0-in-utc": (
        ["--format", "csv", "--output", "-", "--published-before", "0001-01-01T00:00:00+14:00"],
        "--published-before",
    ),
    "output-in-a-missing-folder": (
        ["--format", "csv", "--output", "{tmp}/missing/out.csv"],
        "--output",
    ),
    "output-a-folder": (["--format", "csv", "--output", "{tmp}"], "--output"),
    "site-javascript": (
        ["--format", "claimreview", "--output", "-", "--site", "javascript:alert(1)"],
        "--site",
    ),
    "site-without-host": (["--format", "csv", "--output", "-", "--site", "https://"], "--site"),
}


@pytest.mark.parametrize("name", sorted(BAD_EXPORTS))
def test_export_refuses_bad_arguments_naming_them(tmp_path, name, capsys):
    args, named = BAD_EXPORTS[name]
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    _, _, error = command("export", "--no-progress", *args)
    assert named in str(error), str(error)
    assert not any(path.is_file() for path in Path(tmp_path).rglob("*"))


# --- XSS in imported text is stored as text ----------------------------------------------------


@pytest.mark.parametrize("payload", XSS)
def test_imported_markup_in_text_fields_is_kept_as_text(tmp_path, payload: Any):
    path = tmp_path / "xss.jsonl"
    path.write_text(json.dumps({"body": f"Body {payload}.", "title": payload}), encoding="utf-8")
    out = StringIO()
    call_command("import_articles", "--no-progress", str(path), stdout=out)
    article = Article.objects.get()
    assert article.title == payload and payload in article.body
