"""Well-formed JSON with bad values, for every write endpoint of the API.

Wrong types, out-of-range and reversed offsets, unknown verdicts and ids,
``javascript:`` and ``data:`` URLs, over-long strings, out-of-range dates,
duplicate submissions and stale versions: each answers a 4xx saying what is wrong
(and where), and writes nothing.
"""

from __future__ import annotations

import pytest

from tests.bad_input.api import Case, check_refused

pytestmark = pytest.mark.django_db

BIG = 10**30  # past any database integer
OK = "A new article about 12,000 people."

ARTICLES = [
    Case("article-create", "body-not-a-string", {"body": 42}, where="body"),
    Case("article-create", "body-missing", {"title": "No body"}, where="body"),
    Case("article-create", "body-empty", {"body": ""}, where="body"),
    Case("article-create", "body-only-spaces", {"body": " \n\t\u00a0 "}, where="body"),
    Case(
        "article-create",
        "body-only-zero-width",
        {"body": "\u200b\u200c\u200d\ufeff\u2060"},
        where="body",
    ),
    Case("article-create", "body-only-control-characters", {"body": "\x01\x02\x7f"}, where="body"),
    Case("article-create", "body-over-the-article-limit", {"body": "x" * 1_000_001}, 413, "body"),
    Case("article-create", "title-too-long", {"body": OK, "title": "t" * 301}, where="title"),
    Case("article-create", "title-a-list", {"body": OK, "title": ["x"]}, where="title"),
    Case(
        "article-create", "url-javascript", {"body": OK, "url": "javascript:alert(1)"}, where="url"
    ),
    Case("article-create", "url-data", {"body": OK, "url": "data:text/html,<b>x</b>"}, where="url"),
    Case(
        "article-create",
        "url-too-long",
        {"body": OK, "url": "https://e.org/" + "a" * 2000},
        where="url",
    ),
    Case(
        "article-create",
        "published-at-past-year-9999-in-utc",
        {"body": OK, "published_at": "9999-12-31T23:59:59-14:00"},
        where="published_at",
    ),
    Case(
        "article-create",
        "published-at-before-year-1-in-utc",
        {"body": OK, "published_at": "0001-01-01T00:00:00+14:00"},
        where="published_at",
    ),
    Case(
        "article-create",
        "published-at-year-0",
        {"body": OK, "published_at": "0000-06-01T00:00:00Z"},
        where="published_at",
    ),
    Case(
        "article-create",
        "published-at-month-13",
        {"body": OK, "published_at": "2024-13-01T00:00:00Z"},
        where="published_at",
    ),
    Case(
        "article-create",
        "published-at-offset-99-hours",
        {"body": OK, "published_at": "2024-01-01T00:00:00+99:00"},
        where="published_at",
    ),
    Case(
        "article-create",
        "published-at-a-number",
        {"body": OK, "published_at": 1700000000},
        where="published_at",
    ),
    Case("article-create", "format-unknown", {"body": OK, "format": "pdf"}, where="format"),
    Case(
        "article-create", "language-too-long", {"body": OK, "language": "x" * 17}, where="language"
    ),
    Case("article-create", "the-same-text-again", {"body": "{article_body}"}, 409),
    Case("article-create", "unknown-field", {"body": OK, "colour": "red"}, where="colour"),
    Case(
        "article-create",
        "html-without-text",
        {"body": "<p>\u200b</p><script>x</script>", "format": "html"},
        where="body",
    ),
]

MARKING = [
    Case("claim-mark", "reversed-span", {"article": "{article}", "start": 20, "end": 10}),
    Case("claim-mark", "empty-span", {"article": "{article}", "start": 10, "end": 10}),
    Case("claim-mark", "span-outside-the-body", {"article": "{article}", "start": 0, "end": 10**6}),
    Case(
        "claim-mark",
        "negative-start",
        {"article": "{article}", "start": -1, "end": 5},
        where="start",
    ),
    Case(
        "claim-mark",
        "start-a-string",
        {"article": "{article}", "start": "0", "end": 5},
        where="start",
    ),
    Case(
        "claim-mark",
        "start-a-float",
        {"article": "{article}", "start": 0.5, "end": 5},
        where="start",
    ),
    Case(
        "claim-mark",
        "start-a-boolean",
        {"article": "{article}", "start": True, "end": 5},
        where="start",
    ),
    Case(
        "claim-mark",
        "offsets-past-any-integer",
        {"article": "{article}", "start": BIG, "end": BIG + 1},
    ),
    Case(
        "claim-mark", "unknown-article", {"article": 999_999, "start": 0, "end": 5}, where="article"
    ),
    Case(
        "claim-mark",
        "article-past-any-integer",
        {"article": BIG, "start": 0, "end": 5},
        where="article",
    ),
    Case("claim-mark", "article-zero", {"article": 0, "start": 0, "end": 5}, where="article"),
    Case(
        "claim-mark",
        "span-of-spaces-only",
        {"article": "{article}", "start": "{gap_start}", "end": "{gap_end}"},
    ),
    Case(
        "claim-mark",
        "same-span-twice",
        {"article": "{article}", "start": "{claim_start}", "end": "{claim_end}"},
    ),
    Case(
        "claim-mark",
        "claimant-too-long",
        {"article": "{article}", "start": 0, "end": 5, "claimant": "c" * 301},
        where="claimant",
    ),
    Case(
        "claim-mark",
        "claimant-a-number",
        {"article": "{article}", "start": 0, "end": 5, "claimant": 5},
        where="claimant",
    ),
]

WORKFLOW = [
    Case("claim-update", "no-if-match", {"claimant": "X"}, 428, if_match=""),
    Case("claim-update", "stale-if-match", {"claimant": "X"}, 412, if_match='"claim-{claim}-v0"'),
    Case(
        "claim-update",
        "if-match-of-another-kind",
        {"claimant": "X"},
        412,
        if_match='"review-{review}-v1"',
    ),
    Case("claim-update", "if-match-star", {"claimant": "X"}, 428, if_match="*"),
    Case("claim-update", "if-match-garbage", {"claimant": "X"}, 400, if_match="\u00e9\u00e9"),
    Case("claim-update", "claimant-missing", {}, where="claimant"),
    Case("claim-update", "claimant-too-long", {"claimant": "c" * 301}, where="claimant"),
    Case("claim-assign", "no-reviewers", {"reviewers": []}, where="reviewers"),
    Case("claim-assign", "reviewers-not-a-list", {"reviewers": 5}, where="reviewers"),
    Case("claim-assign", "reviewer-a-string", {"reviewers": ["ann"]}, where="reviewers"),
    Case("claim-assign", "unknown-reviewer", {"reviewers": [999_999]}, where="reviewers"),
    Case("claim-assign", "reviewer-past-any-integer", {"reviewers": [BIG]}, where="reviewers"),
    Case(
        "claim-assign",
        "stale-version",
        {"reviewers": ["{annotator2}"]},
        412,
        if_match='"claim-{claim}-v1"',
    ),
    Case("claim-unassign", "reviewer-not-assigned", {"reviewer": 999_999}, where="reviewer"),
    Case("claim-unassign", "reviewer-a-list", {"reviewer": [1]}, where="reviewer"),
    Case("claim-dismiss", "reason-missing", {}, where="reason"),
    Case("claim-dismiss", "reason-empty", {"reason": "  "}, where="reason"),
    Case("claim-dismiss", "reason-too-long", {"reason": "r" * 1001}, where="reason"),
    Case("claim-adjudicate", "unknown-verdict", {"verdict": 999_999}, where="verdict"),
    Case("claim-adjudicate", "verdict-by-name", {"verdict": "False"}, where="verdict"),
    Case("claim-adjudicate", "verdict-past-any-integer", {"verdict": BIG}, where="verdict"),
    Case(
        "claim-adjudicate",
        "note-too-long",
        {"verdict": "{verdict}", "note": "n" * 5001},
        where="note",
    ),
    Case("claim-publish", "not-decided-yet", {}),
    Case("claim-unpublish", "not-published", {}),
    Case("claim-restore", "not-dismissed", {}),
    Case("claim-accept", "marked-by-hand-not-suggested", {}),
]

REVIEWS = [
    Case("review-create", "a-second-review", {"rationale": "again"}, 409, role="annotator"),
    Case("review-create", "unknown-verdict", {"verdict": 999_999}, where="verdict"),
    Case("review-create", "verdict-a-string", {"verdict": "False"}, where="verdict"),
    Case("review-create", "verdict-past-any-integer", {"verdict": BIG}, where="verdict"),
    Case("review-create", "unknown-confidence", {"confidence": "certain"}, where="confidence"),
    Case("review-create", "rationale-too-long", {"rationale": "r" * 10_001}, where="rationale"),
    Case("review-create", "rationale-a-number", {"rationale": 5}, where="rationale"),
    Case("review-update", "no-if-match", {"rationale": "x"}, 428, if_match=""),
    Case(
        "review-update", "stale-if-match", {"rationale": "x"}, 412, if_match='"review-{review}-v0"'
    ),
    Case("review-update", "unknown-verdict", {"verdict": 999_999}, where="verdict"),
    Case("review-submit", "without-a-verdict", {"verdict": None}, where="verdict"),
    Case("review-submit", "without-a-rationale", {"rationale": ""}, where="rationale"),
]

SOURCES = [
    Case(
        "source-create",
        "url-javascript",
        {"claim": "{claim}", "url": "javascript:alert(1)"},
        where="url",
    ),
    Case(
        "source-create",
        "url-data",
        {"claim": "{claim}", "url": "data:text/html,<script>x"},
        where="url",
    ),
    Case(
        "source-create", "url-ftp", {"claim": "{claim}", "url": "ftp://example.org/x"}, where="url"
    ),
    Case("source-create", "url-without-host", {"claim": "{claim}", "url": "https://"}, where="url"),
    Case("source-create", "url-empty", {"claim": "{claim}", "url": ""}, where="url"),
    Case(
        "source-create",
        "url-too-long",
        {"claim": "{claim}", "url": "https://e.org/" + "a" * 2000},
        where="url",
    ),
    Case(
        "source-create",
        "title-too-long",
        {"claim": "{claim}", "url": "https://e.org/", "title": "t" * 301},
        where="title",
    ),
    Case(
        "source-create",
        "excerpt-too-long",
        {"claim": "{claim}", "url": "https://e.org/", "excerpt": "e" * 5001},
        where="excerpt",
    ),
    Case(
        "source-create",
        "unknown-stance",
        {"claim": "{claim}", "url": "https://e.org/", "stance": "maybe"},
        where="stance",
    ),
    Case(
        "source-create",
        "accessed-in-the-future",
        {"claim": "{claim}", "url": "https://e.org/", "accessed_at": "2999-01-01"},
        where="accessed_at",
    ),
    Case(
        "source-create",
        "accessed-on-february-30",
        {"claim": "{claim}", "url": "https://e.org/", "accessed_at": "2024-02-30"},
        where="accessed_at",
    ),
    Case(
        "source-create",
        "accessed-in-year-99999",
        {"claim": "{claim}", "url": "https://e.org/", "accessed_at": "99999-01-01"},
        where="accessed_at",
    ),
    Case(
        "source-create", "unknown-claim", {"claim": 999_999, "url": "https://e.org/"}, where="claim"
    ),
    Case(
        "source-create",
        "claim-past-any-integer",
        {"claim": BIG, "url": "https://e.org/"},
        where="claim",
    ),
    Case("source-update", "no-if-match", {"title": "x"}, 428, if_match=""),
    Case(
        "source-update",
        "stale-if-match",
        {"title": "x"},
        412,
        if_match='"source-{source}-0000000000000000"',
    ),
    Case("source-update", "url-javascript", {"url": "javascript:alert(1)"}, where="url"),
    Case("source-delete", "no-if-match", None, 428, if_match=""),
    Case(
        "source-delete", "stale-if-match", None, 412, if_match='"source-{source}-0123456789abcdef"'
    ),
]

WEBHOOKS = [
    Case("webhook-create", "url-missing", {}, where="url"),
    Case("webhook-create", "url-plain-http", {"url": "http://example.org/hook"}, where="url"),
    Case("webhook-create", "url-javascript", {"url": "javascript:alert(1)"}, where="url"),
    Case("webhook-create", "url-data", {"url": "data:text/plain,hi"}, where="url"),
    Case("webhook-create", "url-broken-ipv6", {"url": "https://[::1/hook"}, where="url"),
    Case(
        "webhook-create", "url-port-out-of-range", {"url": "https://127.0.0.1:99999/"}, where="url"
    ),
    Case("webhook-create", "url-private-address", {"url": "https://10.1.2.3/hook"}, where="url"),
    Case("webhook-create", "url-with-a-password", {"url": "https://u:p@127.0.0.1/"}, where="url"),
    Case(
        "webhook-create",
        "unknown-event",
        {"url": "https://127.0.0.1/", "events": ["nope"]},
        where="events",
    ),
    Case(
        "webhook-create",
        "events-a-string",
        {"url": "https://127.0.0.1/", "events": "x"},
        where="events",
    ),
    Case(
        "webhook-create",
        "description-too-long",
        {"url": "https://127.0.0.1/", "description": "d" * 201},
        where="description",
    ),
]

CLAIM_REVIEW = {"@type": "ClaimReview", "url": "https://f.org/1", "claimReviewed": "A claim."}
PRIOR = [
    Case("prior-import", "empty", b"", where="document"),
    Case("prior-import", "only-spaces", b"  \n ", where="document"),
    Case("prior-import", "raw-nul-byte", b"\x00", where="line 1"),
    Case(
        "prior-import",
        "not-a-claim-review",
        {"@type": "Article", "url": "https://f.org/"},
        where="@type",
    ),
    Case(
        "prior-import",
        "url-javascript",
        {**CLAIM_REVIEW, "url": "javascript:alert(1)"},
        where="url",
    ),
    Case(
        "prior-import",
        "claim-reviewed-missing",
        {**CLAIM_REVIEW, "claimReviewed": ""},
        where="claimReviewed",
    ),
    Case(
        "prior-import",
        "rating-not-a-number",
        {**CLAIM_REVIEW, "reviewRating": {"ratingValue": "abc"}},
        where="ratingValue",
    ),
    Case(
        "prior-import",
        "rating-a-boolean",
        {**CLAIM_REVIEW, "reviewRating": {"ratingValue": True}},
        where="ratingValue",
    ),
    Case(
        "prior-import",
        "date-month-13",
        {**CLAIM_REVIEW, "datePublished": "2024-13-01"},
        where="datePublished",
    ),
    Case(
        "prior-import",
        "nul-deep-inside",
        {**CLAIM_REVIEW, "itemReviewed": {"x": ["a\x00"]}},
        where="itemReviewed",
    ),
    Case(
        "prior-import",
        "surrogate-in-an-unread-field",
        {**CLAIM_REVIEW, "reviewBody": "\udfff"},
        where="reviewBody",
    ),
    Case(
        "prior-import",
        "bad-second-json-line",
        b'{"@type": "ClaimReview"}\n{oops\n',
        content_type="application/jsonl",
        where="line 2",
    ),
    Case(
        "prior-import",
        "skip-invalid-not-a-boolean",
        CLAIM_REVIEW,
        query="?skip_invalid=maybe",
        where="skip_invalid",
    ),
    Case("prior-import", "too-many-documents", [{}] * 100_001, where="document"),
]

CASES = ARTICLES + MARKING + WORKFLOW + REVIEWS + SOURCES + WEBHOOKS + PRIOR


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_values_are_refused_saying_what_and_where_and_write_nothing(world, case):
    check_refused(world, case)
