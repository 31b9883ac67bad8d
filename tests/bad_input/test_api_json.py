"""Bodies that are not acceptable JSON, sent to every JSON write endpoint of the API.

Each answers 400 (413 too large, 415 not JSON) in the API's error shape, names the
field when the JSON parsed, and writes nothing.  The corpus covers what the parser
must catch before any serializer runs: syntax, nesting (950 deep was a
RecursionError), 5,000-digit numbers, NaN and infinity, bytes that are not UTF-8,
NUL and lone surrogates, the wrong top-level type, the wrong content type, and a
body over the limit.
"""

from __future__ import annotations

import pytest

from tests.bad_input.api import ENDPOINTS, Case, check_refused

pytestmark = pytest.mark.django_db

# The field each endpoint reads first, so that a bad value there is named.
FIELD = {
    "article-create": "body",
    "claim-mark": "claimant",
    "claim-update": "claimant",
    "claim-assign": "reviewers",
    "claim-unassign": "reviewer",
    "claim-dismiss": "reason",
    "claim-adjudicate": "note",
    "claim-publish": "note",
    "claim-unpublish": "reason",
    "claim-restore": "note",
    "claim-accept": "note",
    "review-create": "rationale",
    "review-update": "rationale",
    "review-submit": "rationale",
    "source-create": "title",
    "source-update": "title",
    "webhook-create": "description",
    "prior-import": "claimReviewed",
}


def _generic(endpoint: str) -> list[Case]:
    name = FIELD[endpoint]
    cases = [
        Case(endpoint, "truncated", b'{"' + name.encode() + b'": '),
        Case(endpoint, "trailing-comma", b'{"' + name.encode() + b'": "x",}'),
        Case(endpoint, "single-quotes", b"{'" + name.encode() + b"': 'x'}"),
        Case(endpoint, "nested-950-arrays", b"[" * 950 + b"]" * 950),
        Case(endpoint, "nested-950-objects", b'{"a":' * 950 + b"1" + b"}" * 950),
        Case(
            endpoint, "number-of-5000-digits", b'{"' + name.encode() + b'": ' + b"7" * 5000 + b"}"
        ),
        Case(endpoint, "nan", b'{"' + name.encode() + b'": NaN}'),
        Case(endpoint, "infinity", b'{"' + name.encode() + b'": 1e999}'),
        Case(endpoint, "invalid-utf8", b'{"' + name.encode() + b'": "caf\xe9"}'),
        Case(endpoint, "lone-surrogate", {name: "a\ud800b"}, where=name),
        Case(endpoint, "nul", {name: "a\x00b"}, where=name),
        Case(endpoint, "surrogate-in-a-key", {"k\udc00": 1}),
        Case(endpoint, "text-plain", b"body=x", content_type="text/plain", status=415),
        Case(endpoint, "xml", b"<claim/>", content_type="application/xml", status=415),
        Case(endpoint, "too-large", b'{"x": "' + b"y" * 6_000_000 + b'"}', status=413),
    ]
    if endpoint != "prior-import":  # a list or a string is a valid ClaimReview container
        cases += [
            Case(endpoint, "a-list", [1, 2]),
            Case(endpoint, "a-string", "just text"),
            Case(endpoint, "unknown-field-only", {"zzz_unknown": 1}),
        ]
    return cases


CASES = [case for endpoint in FIELD for case in _generic(endpoint)]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_json_is_refused_saying_what_and_writes_nothing(world, case):
    assert case.endpoint in ENDPOINTS
    check_refused(world, case)
