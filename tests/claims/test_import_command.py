"""``manage.py import_articles PATH...``: files, folders, JSONL, progress, summary, exit code."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, base, call_command

from claims import services
from claims.models import Article

pytestmark = pytest.mark.django_db

HTML = """<!DOCTYPE html><html><head><title>Floods hit the valley</title>
<script>var tracking = "SCRIPT_TEXT";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">NAV_LINK</a></nav>
<article><h1>Floods hit the valley</h1>
<p>More than 13,000 people were evacuated from the valley on Tuesday, the regional government
said in a statement released in the morning.</p></article></body></html>"""


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[str, str, CommandError]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


# --- files and folders -------------------------------------------------------------------------


def test_it_imports_text_markdown_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_text("Prices rose by 7% in 2023.\r\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Budget\n\nThe deficit was **3.2%**.\n", encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    out, _ = run("--no-progress", *(str(tmp_path / n) for n in ("a.txt", "b.md", "c.html")))
    assert out.strip().endswith("imported 3, duplicate 0, rejected 0")
    bodies = {a.title: a.body for a in Article.objects.all()}
    assert bodies["Prices rose by 7% in 2023."] == "Prices rose by 7% in 2023."
    assert bodies["Budget"] == "Budget\nThe deficit was 3.2%."
    html_body = bodies["Floods hit the valley"]
    assert "More than 13,000 people were evacuated" in html_body
    assert "SCRIPT_TEXT" not in html_body and "NAV_LINK" not in html_body
    assert "<" not in html_body


def test_it_imports_the_supported_files_of_a_folder_recursively(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "sub" / "two.md").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "three.jsonl").write_text(
        json.dumps({"body": "Third article text."}) + "\n", encoding="utf-8"
    )
    (tmp_path / "sub" / "ignored.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "sub" / "notes.docx").write_bytes(b"PK")
    out, _ = run("--no-progress", str(tmp_path))
    assert "imported 3, duplicate 0, rejected 0" in out
    assert sorted(Article.objects.values_list("body", flat=True)) == [
        "First article text.",
        "Second article text.",
        "Third article text.",
    ]


def test_it_records_the_importing_user(tmp_path, editor):
    (tmp_path / "a.txt").write_text("By the editor.", encoding="utf-8")
    run("--no-progress", "--user", editor.username, str(tmp_path / "a.txt"))
    assert Article.objects.get().created_by == editor


def test_an_unknown_user_stops_the_import_before_anything_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Never imported.", encoding="utf-8")
    _, _, error = run_failing("--no-progress", "--user", "ghost", str(tmp_path / "a.txt"))
    assert "ghost" in str(error)
    assert Article.objects.count() == 0


def test_it_names_each_imported_file_at_verbosity_2(tmp_path):
    (tmp_path / "a.txt").write_text("Verbose import.", encoding="utf-8")
    out, _ = run("--no-progress", "-v", "2", str(tmp_path / "a.txt"))
    assert f"{tmp_path / 'a.txt'}: article {Article.objects.get().pk}" in out


# --- JSONL -------------------------------------------------------------------------------------


def test_it_imports_jsonl_records_with_their_metadata(tmp_path):
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            {
                "title": "One",
                "body": "First body.",
                "url": "https://example.org/1",
                "published_at": "2024-03-01T10:00:00+01:00",
                "publisher": "Desk",
                "author": "A. Writer",
                "language": "de",
            },
            "",
            {
                "body": "<p>Second <b>body</b> in HTML, long enough to count as a paragraph.</p>",
                "format": "html",
            },
            {
                "body": "# Third\n\nMarkdown body.",
                "format": "markdown",
                "published_at": "2024-03-02",
            },
        ],
    )
    out, _ = run("--no-progress", str(path))
    assert "imported 3, duplicate 0, rejected 0" in out
    one = Article.objects.get(title="One")
    assert (one.url, one.publisher, one.author, one.language) == (
        "https://example.org/1",
        "Desk",
        "A. Writer",
        "de",
    )
    assert one.published_at.isoformat() == "2024-03-01T09:00:00+00:00"
    second = Article.objects.get(body__startswith="Second")
    assert "<" not in second.body
    third = Article.objects.get(title="Third")
    assert third.published_at is not None and third.published_at.tzinfo is not None


def test_each_rejected_jsonl_line_is_named_with_its_reason_and_nothing_of_it_is_saved(tmp_path):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"body": "A good line."},  # 1
            '{"body": "unterminated',  # 2
            '["a", "list"]',  # 3
            {"body": 42},  # 4
            {"body": "Fine.", "colour": "red"},  # 5
            {"body": "Fine too.", "url": "javascript:alert(1)"},  # 6
            {"body": "Also fine.", "published_at": "yesterday"},  # 7
            {"body": "   "},  # 8
            {"title": "no body"},  # 9
            {"body": "Still fine.", "format": "pdf"},  # 10
            {"body": "Dated.", "published_at": 20240301},  # 11
            {"body": "Titled.", "title": ["x"]},  # 12
        ],
    )
    out, _, error = run_failing("--no-progress", str(path))
    assert "imported 1, duplicate 0, rejected 11" in out
    assert "11 input(s) rejected" in str(error)
    expected = {
        2: "not valid JSON",
        3: "expected a JSON object",
        4: "'body' must be a string",
        5: "unknown field(s) colour",
        6: "not an http(s) address",
        7: "not an ISO 8601 date",
        8: "'body' is missing or empty",
        9: "'body' is missing or empty",
        10: "unknown format 'pdf'",
        11: "not an ISO 8601 date",
        12: "'title' must be a string",
    }
    lines = out.splitlines()
    for number, reason in expected.items():
        matching = [line for line in lines if f"{path}:{number}:" in line]
        assert len(matching) == 1, (number, out)
        assert reason in matching[0], (number, matching[0])
    assert Article.objects.count() == 1


def test_a_latin1_jsonl_line_is_rejected_with_its_line_number(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"body": "ok line"}\n' + '{"body": "Café"}'.encode("latin-1") + b"\n")
    out, _, _ = run_failing("--no-progress", str(path))
    assert f"{path}:2: the bytes are not valid UTF-8" in out
    assert "imported 1, duplicate 0, rejected 1" in out


# --- rejections and duplicates -----------------------------------------------------------------


def test_bad_files_are_rejected_with_their_reason_and_the_run_fails(tmp_path, settings):
    settings.CLAIMDESK_MAX_ARTICLE_BYTES = 100
    good = tmp_path / "good.txt"
    good.write_text("A good article.", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café prices".encode("latin-1"))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\n ", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("x" * 101, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out, _, error = run_failing("--no-progress", *map(str, [good, latin, pdf, empty, big, missing]))
    assert "imported 1, duplicate 0, rejected 5" in out
    assert "5 input(s) rejected" in str(error)
    reasons = {
        latin: "not valid UTF-8",
        pdf: "unsupported file type '.pdf'",
        empty: "body is empty",
        big: "101 bytes; the limit is 100 bytes",
        missing: "no such file",
    }
    for path, reason in reasons.items():
        matching = [line for line in out.splitlines() if line.startswith(f"{path}:")]
        assert len(matching) == 1, (path, out)
        assert reason in matching[0]
    assert Article.objects.count() == 1


def test_duplicates_are_counted_and_named_but_do_not_fail_the_run(tmp_path):
    existing = services.article_create(body="Line one.\nLine two.")
    (tmp_path / "a.txt").write_bytes(b"Line one.\r\nLine two.\r\n")
    (tmp_path / "b.txt").write_text("Fresh text.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Fresh text.\n", encoding="utf-8")
    out, _ = run("--no-progress", str(tmp_path))
    assert "imported 1, duplicate 2, rejected 0" in out
    assert f"{tmp_path / 'a.txt'}: duplicate of article {existing.pk}" in out
    fresh = Article.objects.get(body="Fresh text.")
    assert f"{tmp_path / 'c.txt'}: duplicate of article {fresh.pk}" in out
    assert Article.objects.count() == 2


def test_the_exit_status_is_non_zero_when_something_was_rejected(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF")
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(
            [
                "manage.py",
                "import_articles",
                "--no-progress",
                str(tmp_path / "good.txt"),
                str(tmp_path / "bad.pdf"),
            ]
        ).execute()
    assert caught.value.code == 1
    captured = capsys.readouterr()
    assert "imported 1, duplicate 0, rejected 1" in captured.out
    assert "1 input(s) rejected" in captured.err


def test_the_exit_status_is_zero_when_nothing_was_rejected(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    ManagementUtility(
        ["manage.py", "import_articles", "--no-progress", str(tmp_path / "good.txt")]
    ).execute()  # no SystemExit
    assert "imported 1, duplicate 0, rejected 0" in capsys.readouterr().out


# --- progress bar ------------------------------------------------------------------------------


def test_it_shows_a_progress_bar_on_stderr_counting_every_input(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Article {n}.", encoding="utf-8")
    write_jsonl(tmp_path / "more.jsonl", [{"body": "Four."}, "", {"body": "Five."}])
    out, err = run(str(tmp_path))
    assert "5/5" in err
    assert "article" in err
    assert "5/5" not in out


def test_no_progress_hides_the_bar(tmp_path):
    (tmp_path / "a.txt").write_text("Quiet.", encoding="utf-8")
    out, err = run("--no-progress", str(tmp_path / "a.txt"))
    assert err == ""
    assert out.strip() == "imported 1, duplicate 0, rejected 0"


def test_a_jsonl_line_with_a_lone_surrogate_escape_is_rejected_not_a_crash(tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text(
        '{"body": "Good line."}\n{"body": "Lone \\ud800 surrogate."}\n'
        '{"body": "Fine body.", "title": "Bad \\udc00 title"}\n{"body": "Last."}\n',
        encoding="utf-8",
    )
    out, _, _ = run_failing("--no-progress", str(path))
    assert "imported 2, duplicate 0, rejected 2" in out
    assert f"{path}:2:" in out and "U+D800" in out
    assert f"{path}:3:" in out and "U+DC00" in out
    assert Article.objects.count() == 2


# --- lines that used to end the run with a traceback ---------------------------------------------

CRASHERS = {
    "nested-100000-deep": '{"body": "Deep.", "title": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "number-of-5000-digits": '{"body": "Long number.", "n": ' + "1" * 5000 + "}",
    "published-after-year-9999-in-utc": json.dumps(
        {"body": "Far future.", "published_at": "9999-12-31T23:59:59-14:00"}
    ),
    "published-before-year-1-in-utc": json.dumps(
        {"body": "Far past.", "published_at": "0001-01-01T00:00:00+14:00"}
    ),
    "nul-in-the-title": json.dumps({"body": "Titled.", "title": "a\x00b"}),
    "infinite-number": '{"body": "Infinite.", "n": 1e999}',
}
REASONS = {
    "nested-100000-deep": "nested more than 64 levels deep",
    "number-of-5000-digits": "more than 4,300 digits",
    "published-after-year-9999-in-utc": "published_at 9999-12-31T23:59:59-14:00 is out of range",
    "published-before-year-1-in-utc": "is out of range",
    "nul-in-the-title": "'title' contains U+0000 (NUL)",
    "infinite-number": "1e999 is out of range",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_a_line_that_crashed_the_command_is_reported_and_the_rest_imported(
    tmp_path, name, capsys, monkeypatch
):
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [{"body": "Before it."}, CRASHERS[name], {"body": "After it."}],
    )
    # run_from_argv closes every connection when it ends, which on PostgreSQL would
    # end the test's transaction before the rows can be checked.
    monkeypatch.setattr(base.connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["manage.py", "import_articles", "--no-progress", str(path)]).execute()
    captured = capsys.readouterr()
    assert caught.value.code == 1
    assert "Traceback" not in captured.err + captured.out
    assert "imported 2, duplicate 0, rejected 1" in captured.out
    reported = [line for line in captured.out.splitlines() if line.startswith(f"{path}:2:")]
    assert len(reported) == 1 and REASONS[name] in reported[0], captured.out
    assert sorted(Article.objects.values_list("body", flat=True)) == ["After it.", "Before it."]


def test_a_refused_date_leaves_every_article_list_working(tmp_path, annotator, client):
    path = write_jsonl(
        tmp_path / "dates.jsonl",
        [
            {"body": "Edge of time.", "published_at": "9999-12-31T23:59:59-14:00"},
            {"body": "A normal day.", "published_at": "2024-03-01T10:00:00+01:00"},
        ],
    )
    run_failing("--no-progress", str(path))
    client.force_login(annotator)
    assert client.get("/api/articles/").status_code == 200
    assert client.get("/articles/").status_code == 200
    assert list(Article.objects.values_list("body", flat=True)) == ["A normal day."]


def test_an_unreadable_jsonl_file_is_a_rejection_not_a_crash(tmp_path):
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    good = tmp_path / "good.txt"
    good.write_text("Readable.", encoding="utf-8")
    out, _, _ = run_failing("--no-progress", str(good), str(folder / "missing.jsonl"))
    assert "imported 1, duplicate 0, rejected 1" in out
    assert f"{folder / 'missing.jsonl'}: no such file" in out


def test_a_stopped_run_still_prints_its_summary(tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "two.jsonl", [{"body": "First."}, {"body": "Second."}])
    create = services.article_create_from_source
    calls = []

    def interrupted(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return create(**kwargs)

    monkeypatch.setattr(services, "article_create_from_source", interrupted)
    out, _, error = run_failing("--no-progress", str(path))
    assert "imported 1, duplicate 0, rejected 0" in out
    assert f"stopped at {path}:2" in str(error) and "run the command again" in str(error)
    assert list(Article.objects.values_list("body", flat=True)) == ["First."]
