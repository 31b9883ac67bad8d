"""Bad input through the HTML forms: the new-article form and upload, marking, the review
form, sources, adjudication and the other desk actions.

Each answers a 4xx page or fragment (the desk's forms are sent by htmx) whose message
says what is wrong, and writes nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.bad_input.api import resolve
from tests.bad_input.world import World, assert_unchanged, db_state

pytestmark = pytest.mark.django_db

BIG = str(10**30)
NEW = "/articles/new/"
MARK = "/desk/articles/{article}/mark/"
CLAIM = "/desk/claims/{claim}/"
OK = "A new article: 12,000 people were counted."


@dataclass(frozen=True)
class FormCase:
    name: str
    path: str
    data: dict[str, Any]
    says: str  # part of the message the answer must show
    status: int = 400
    form_field: str | None = None  # the new-article form's field the error sits on
    role: str = "annotator"
    htmx: bool = True
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def upload(name: str, content: bytes) -> dict[str, tuple[str, bytes]]:
    return {"file": (name, content)}


ARTICLE_FORM = [
    FormCase("nothing", NEW, {}, "Paste the article text or choose a file"),
    FormCase("only-spaces", NEW, {"body": " \n\t "}, "Paste the article text"),
    FormCase("only-zero-width", NEW, {"body": "\u200b\u200d\ufeff"}, "no visible text"),
    FormCase("nul", NEW, {"body": "a\x00b"}, "Null characters are not allowed", form_field="body"),
    FormCase("text-and-file", NEW, {"body": OK}, "not both", files=upload("a.txt", b"Other.")),
    FormCase(
        "title-too-long", NEW, {"body": OK, "title": "t" * 301}, "at most 300", form_field="title"
    ),
    FormCase(
        "author-too-long",
        NEW,
        {"body": OK, "author": "a" * 201},
        "at most 200",
        form_field="author",
    ),
    FormCase(
        "url-javascript",
        NEW,
        {"body": OK, "url": "javascript:alert(1)"},
        "Enter a valid URL",
        form_field="url",
    ),
    FormCase(
        "url-data",
        NEW,
        {"body": OK, "url": "data:text/html,<script>x</script>"},
        "Enter a valid URL",
        form_field="url",
    ),
    FormCase(
        "url-ftp",
        NEW,
        {"body": OK, "url": "ftp://example.org/a"},
        "not an http(s)",
        form_field="url",
    ),
    FormCase(
        "published-past-year-9999-in-utc",
        NEW,
        {"body": OK, "published_at": "9999-12-31T23:59:59-14:00"},
        "out of range",
        form_field="published_at",
    ),
    FormCase(
        "published-year-0",
        NEW,
        {"body": OK, "published_at": "0000-01-01T00:00"},
        "Enter a valid date/time",
        form_field="published_at",
    ),
    FormCase(
        "published-words",
        NEW,
        {"body": OK, "published_at": "last Tuesday"},
        "Enter a valid date/time",
        form_field="published_at",
    ),
    FormCase(
        "file-pdf",
        NEW,
        {},
        "unsupported file type '.pdf'",
        files=upload("a.pdf", b"%PDF"),
        form_field="file",
    ),
    FormCase(
        "file-without-suffix",
        NEW,
        {},
        "unsupported file type '(none)'",
        files=upload("README", b"Text."),
        form_field="file",
    ),
    FormCase(
        "file-latin1", NEW, {}, "not valid UTF-8", files=upload("a.txt", "Café".encode("latin-1"))
    ),
    FormCase(
        "file-empty",
        NEW,
        {},
        "The submitted file is empty",
        files=upload("a.txt", b""),
        form_field="file",
    ),
    FormCase(
        "file-only-zero-width",
        NEW,
        {},
        "no visible text",
        files=upload("a.txt", "\u200b\u200b".encode()),
    ),
    FormCase(
        "file-html-only-script",
        NEW,
        {},
        "empty",
        files=upload("a.html", b"<html><script>alert(1)</script></html>"),
    ),
    FormCase(
        "file-html-with-nul-bytes", NEW, {}, "empty", files=upload("a.html", b"<p>\x00\x00</p>")
    ),
    FormCase(
        "file-over-the-limit",
        NEW,
        {},
        "far over the limit",
        files=upload("a.txt", b"x" * 4_000_001),
        form_field="file",
    ),
    FormCase(
        "the-same-text-again", NEW, {"body": "{article_body}"}, "already imported", status=409
    ),
]

MARKING = [
    FormCase("nothing", MARK, {}, "Select the words of the claim first"),
    FormCase(
        "reversed-without-javascript",
        MARK,
        {"start": 20, "end": 10},
        "empty or reversed",
        htmx=False,
        status=302,
    ),
    FormCase("reversed", MARK, {"start": 20, "end": 10}, "empty or reversed"),
    FormCase("outside-the-body", MARK, {"start": 0, "end": 10**6}, "lies outside the article"),
    FormCase("negative", MARK, {"start": -5, "end": 3}, "lies outside the article"),
    FormCase("past-any-integer", MARK, {"start": BIG, "end": BIG + "1"}, "outside the article"),
    FormCase("start-words", MARK, {"start": "abc", "end": 5}, "Start: Enter a whole number"),
    FormCase("start-5000-digits", MARK, {"start": "9" * 5000, "end": 5}, "Enter a whole number"),
    FormCase("spaces-only", MARK, {"start": "{gap_start}", "end": "{gap_end}"}, "only spaces"),
    FormCase(
        "same-span-twice", MARK, {"start": "{claim_start}", "end": "{claim_end}"}, "already claim"
    ),
    FormCase("quote-not-in-the-article", MARK, {"quote": "words nobody wrote"}, "do not occur"),
    FormCase("quote-twice-in-the-article", MARK, {"quote": "the"}, "more than once"),
    FormCase("quote-too-long", MARK, {"quote": "q" * 4001}, "at most 4000"),
    FormCase(
        "claimant-too-long",
        MARK,
        {"start": 0, "end": 5, "claimant": "c" * 301},
        "claimant is 301 characters long",
    ),
    FormCase(
        "unknown-article", "/desk/articles/999999/mark/", {"start": 0, "end": 5}, "", status=404
    ),
]

REVIEW = [
    FormCase(
        "verdict-words",
        CLAIM + "review/save/",
        {"verdict": "abc", "version": "{rv}"},
        "Unknown verdict 'abc'",
    ),
    FormCase(
        "verdict-unknown",
        CLAIM + "review/save/",
        {"verdict": "999999", "version": "{rv}"},
        "Unknown verdict",
    ),
    FormCase(
        "verdict-past-any-integer",
        CLAIM + "review/save/",
        {"verdict": BIG, "version": "{rv}"},
        "Unknown verdict",
    ),
    FormCase(
        "confidence-unknown",
        CLAIM + "review/save/",
        {"confidence": "certain", "version": "{rv}"},
        "Select a valid choice",
    ),
    FormCase(
        "version-words", CLAIM + "review/save/", {"version": "abc"}, "Version: Enter a whole number"
    ),
    FormCase("version-negative", CLAIM + "review/save/", {"version": "-1"}, "Version:"),
    FormCase(
        "version-stale",
        CLAIM + "review/save/",
        {"version": "0", "rationale": "x"},
        "Nothing was saved",
        status=409,
    ),
    FormCase(
        "version-past-any-integer",
        CLAIM + "review/save/",
        {"version": BIG},
        "Nothing was saved",
        status=409,
    ),
    FormCase(
        "version-stale-without-javascript",
        CLAIM + "review/save/",
        {"version": "0", "rationale": "x"},
        "Nothing was saved",
        htmx=False,
        status=302,
    ),
    FormCase("version-missing", CLAIM + "review/save/", {"rationale": "x"}, "version is missing"),
    FormCase(
        "rationale-too-long",
        CLAIM + "review/save/",
        {"rationale": "r" * 10_001, "version": "{rv}"},
        "rationale is 10,001 characters",
    ),
    FormCase(
        "rationale-nul",
        CLAIM + "review/save/",
        {"rationale": "a\x00", "version": "{rv}"},
        "Null characters are not allowed",
    ),
    FormCase(
        "submit-without-verdict",
        CLAIM + "review/submit/",
        {"verdict": "", "rationale": "x", "version": "{rv}"},
        "Choose a verdict",
    ),
    FormCase(
        "submit-not-assigned",
        CLAIM + "review/submit/",
        {"verdict": "{verdict}", "rationale": "x"},
        "not assigned",
        role="editor",
        status=403,
    ),
]

SOURCES = [
    FormCase(
        "url-javascript",
        CLAIM + "sources/",
        {"url": "javascript:alert(1)", "stance": "context"},
        "Only http and https",
    ),
    FormCase(
        "url-data",
        CLAIM + "sources/",
        {"url": "data:text/html,<b>", "stance": "context"},
        "Only http and https",
    ),
    FormCase("url-missing", CLAIM + "sources/", {"stance": "context"}, "URL: This field is"),
    FormCase(
        "url-not-an-address",
        CLAIM + "sources/",
        {"url": "https://", "stance": "context"},
        "not a valid web address",
    ),
    FormCase(
        "url-too-long",
        CLAIM + "sources/",
        {"url": "https://e.org/" + "a" * 2000, "stance": "context"},
        "The url is",
    ),
    FormCase(
        "stance-unknown",
        CLAIM + "sources/",
        {"url": "https://e.org/", "stance": "maybe"},
        "Select a valid choice",
    ),
    FormCase(
        "accessed-in-the-future",
        CLAIM + "sources/",
        {"url": "https://e.org/", "stance": "context", "accessed_at": "2999-01-01"},
        "in the future",
    ),
    FormCase(
        "accessed-on-february-30",
        CLAIM + "sources/",
        {"url": "https://e.org/", "stance": "context", "accessed_at": "2024-02-30"},
        "Enter a valid date",
    ),
    FormCase(
        "title-too-long",
        CLAIM + "sources/",
        {"url": "https://e.org/", "stance": "context", "title": "t" * 301},
        "The title is 301 characters",
    ),
    FormCase(
        "excerpt-nul",
        CLAIM + "sources/",
        {"url": "https://e.org/", "stance": "context", "excerpt": "\x00"},
        "Null characters",
    ),
    FormCase("remove-unknown-source", CLAIM + "sources/999999/remove/", {}, "no longer exists"),
]

EDITOR_ACTIONS = [
    FormCase(
        "adjudicate-no-verdict",
        CLAIM + "adjudicate/",
        {"version": "{cv}"},
        "Unknown verdict",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "adjudicate-verdict-words",
        CLAIM + "adjudicate/",
        {"verdict": "False", "version": "{cv}"},
        "Unknown verdict",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "adjudicate-verdict-past-any-integer",
        CLAIM + "adjudicate/",
        {"verdict": BIG, "version": "{cv}"},
        "Unknown verdict",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "adjudicate-stale",
        CLAIM + "adjudicate/",
        {"verdict": "{verdict}", "version": "0"},
        "Nothing was saved",
        role="editor",
        htmx=False,
        status=409,
    ),
    FormCase(
        "adjudicate-version-missing",
        CLAIM + "adjudicate/",
        {"verdict": "{verdict}"},
        "version is missing",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "adjudicate-note-too-long",
        CLAIM + "adjudicate/",
        {"verdict": "{verdict}", "version": "{cv}", "note": "n" * 5001},
        "note",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "adjudicate-as-annotator",
        CLAIM + "adjudicate/",
        {"verdict": "{verdict}", "version": "{cv}"},
        "",
        status=403,
    ),
    FormCase(
        "dismiss-without-reason", CLAIM + "dismiss/", {"version": "{cv}"}, "Say why", role="editor"
    ),
    FormCase(
        "dismiss-reason-too-long",
        CLAIM + "dismiss/",
        {"version": "{cv}", "reason": "r" * 1001},
        "reason",
        role="editor",
    ),
    FormCase(
        "claimant-too-long",
        CLAIM + "claimant/",
        {"version": "{cv}", "claimant": "c" * 301},
        "claimant is 301 characters",
        role="editor",
    ),
    FormCase(
        "assign-unknown-reviewer",
        CLAIM + "assign/",
        {"version": "{cv}", "reviewers": ["999999"]},
        "Select a valid choice",
        role="editor",
    ),
    FormCase(
        "assign-reviewer-words",
        CLAIM + "assign/",
        {"version": "{cv}", "reviewers": ["abc"]},
        "Reviewers:",
        role="editor",
    ),
    FormCase(
        "assign-reviewer-past-any-integer",
        CLAIM + "assign/",
        {"version": "{cv}", "reviewers": [BIG]},
        "Reviewers:",
        role="editor",
    ),
    FormCase(
        "assign-reviewer-just-past-the-integer",
        CLAIM + "assign/",
        {"version": "{cv}", "reviewers": [str(2**63)]},
        "Reviewers:",
        role="editor",
    ),
    FormCase(
        "assign-reviewer-negative-past-any-integer",
        CLAIM + "assign/",
        {"version": "{cv}", "reviewers": ["-" + BIG]},
        "Reviewers:",
        role="editor",
    ),
    FormCase(
        "bulk-claim-past-any-integer",
        "/desk/claims/bulk/",
        {"action": "dismiss", "claims": [BIG], "reason": "Duplicate"},
        "Claims:",
        role="editor",
        status=302,
    ),
    FormCase(
        "assign-nobody",
        CLAIM + "assign/",
        {"version": "{cv}"},
        "Choose at least one",
        role="editor",
    ),
    FormCase(
        "unassign-reviewer-words",
        CLAIM + "unassign/",
        {"version": "{cv}", "reviewer": "x"},
        "Reviewer: Enter a whole number",
        role="editor",
    ),
    FormCase(
        "unassign-reviewer-past-any-integer",
        CLAIM + "unassign/",
        {"version": "{cv}", "reviewer": BIG},
        "No such reviewer",
        role="editor",
    ),
    FormCase(
        "unassign-not-assigned",
        CLAIM + "unassign/",
        {"version": "{cv}", "reviewer": "{editor}"},
        "not assigned",
        role="editor",
    ),
    FormCase("publish-undecided", CLAIM + "publish/", {"version": "{cv}"}, "", role="editor"),
    FormCase(
        "restore-not-dismissed",
        CLAIM + "restore/",
        {"version": "{cv}"},
        "Only a dismissed claim",
        role="editor",
    ),
    FormCase("accept-a-marked-claim", CLAIM + "accept/", {"version": "{cv}"}, ""),
    FormCase(
        "verdict-nameless",
        "/desk/verdicts/",
        {"name": "", "colour": "#123456"},
        "Name: This field is required",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "verdict-colour-javascript",
        "/desk/verdicts/",
        {"name": "Odd", "colour": "javascript:x"},
        "is not a colour",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "verdict-rating-past-any-integer",
        "/desk/verdicts/",
        {"name": "Odd", "colour": "#123456", "rating_value": BIG},
        "rating value",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "verdict-unknown-id",
        "/desk/verdicts/",
        {"verdict": BIG, "name": "Odd", "colour": "#123456"},
        "no longer exists",
        role="editor",
        htmx=False,
    ),
    FormCase(
        "verdict-duplicate-name",
        "/desk/verdicts/",
        {"name": "false", "colour": "#123456"},
        "already a verdict",
        role="editor",
        htmx=False,
    ),
]

CASES = (
    [("article", c) for c in ARTICLE_FORM]
    + [("mark", c) for c in MARKING]
    + [("review", c) for c in REVIEW]
    + [("source", c) for c in SOURCES]
    + [("editor", c) for c in EDITOR_ACTIONS]
)


def _data(world: World, case: FormCase) -> dict[str, Any]:
    values = {"rv": world.review.version, "cv": world.claim.version}
    data = {
        key: values.get(value[1:-1], value)
        if isinstance(value, str) and value[:1] == "{"
        else value
        for key, value in resolve(world, case.data).items()
    }
    for name, (filename, content) in case.files.items():
        data[name] = SimpleUploadedFile(filename, content)
    return data


@pytest.mark.parametrize(("form", "case"), CASES, ids=[f"{f}:{c.name}" for f, c in CASES])
def test_a_bad_form_post_is_refused_saying_what_and_writes_nothing(world, form, case):
    client = world.client(case.role)
    headers = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}
    before = db_state()
    response = client.post(world.fill(case.path), _data(world, case), **headers)
    assert response.status_code == case.status, (response.status_code, response.content[:800])
    if response.status_code == 302:
        # A plain form post (no htmx) is answered post-redirect-get: the message
        # is on the page it is sent back to.
        response = client.get(response["Location"])
    shown = html.unescape(response.content.decode())
    assert case.says in shown, shown[:3000]
    if case.form_field is not None:
        assert case.form_field in response.context["form"].errors
    assert_unchanged(before)
