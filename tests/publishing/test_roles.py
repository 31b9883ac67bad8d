"""Every endpoint with every role: anonymous, outsider, annotator, another annotator,
editor and staff, each against the answer they must get."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from annotate import services
from claims.models import Claim, ClaimOrigin, ClaimStatus
from publishing.models import PriorFactCheck, WebhookEndpoint
from tests.factories import ArticleFactory
from tests.publishing.conftest import client_for, fresh, span_of, submit

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "annotator", "annotator2", "editor", "staff"]


def _mark(article: Any, phrase: str, by: Any) -> Claim:
    start, end = span_of(article, phrase)
    return services.claim_mark(article=article, start=start, end=end, by=by)


TEXT = (
    "The war killed more than 13,000 people since 2014, officials said. Washington promised "
    "more than $2.5 billion in funding. On Friday (December 17) Russia issued a proposal. "
    "Russia has deployed tens of thousands of soldiers along the border, the West says. "
    "Unemployment rose by 4.2% in 2023 according to the statistics office."
)


@pytest.fixture
def world(annotator, editor, verdict_false) -> dict[str, Any]:
    """Claims in each state, all reviewed by the annotator: open, reviewed, decided,
    published, and an untouched suggestion of the detector."""
    article = ArticleFactory(body=TEXT)
    open_claim = _mark(article, "more than 13,000 people since 2014", annotator)
    reviewed = _mark(article, "more than $2.5 billion", annotator)
    submit(reviewed, annotator, verdict_false)
    decided = _mark(article, "December 17", annotator)
    submit(decided, annotator, verdict_false)
    services.claim_decide(
        claim=fresh(decided),
        verdict=verdict_false,
        note="",
        by=editor,
        version=fresh(decided).version,
    )
    published = _mark(article, "tens of thousands of soldiers", annotator)
    submit(published, annotator, verdict_false)
    services.claim_decide(
        claim=fresh(published),
        verdict=verdict_false,
        note="",
        by=editor,
        version=fresh(published).version,
    )
    services.claim_publish(claim=fresh(published), by=editor, version=fresh(published).version)
    suggestion = (
        Claim.objects.filter(origin=ClaimOrigin.DETECTED, status=ClaimStatus.NEW, article=article)
        .exclude(start__lte=open_claim.start, end__gte=open_claim.end)
        .first()
    )
    dismissed = _mark(article, "rose by 4.2% in 2023", annotator)
    services.claim_dismiss(
        claim=fresh(dismissed), reason="Old figure", by=editor, version=fresh(dismissed).version
    )
    prior = PriorFactCheck.objects.create(
        url="https://factcheck.example/1", claim_reviewed="Prices doubled", document={}
    )
    hook = WebhookEndpoint.objects.create(url="https://93.184.215.14/hook", secret="s" * 64)
    review = published.reviews.get()
    source = services.source_add(claim=open_claim, by=annotator, url="https://example.org/s")
    return {
        "open": open_claim.pk,
        "reviewed": reviewed.pk,
        "decided": decided.pk,
        "published": published.pk,
        "dismissed": dismissed.pk,
        "suggestion": suggestion.pk,
        "review": review.pk,
        "source": source.pk,
        "prior": prior.pk,
        "hook": hook.pk,
        "article": article.pk,
        "verdict": verdict_false.pk,
    }


def _users(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {role: request.getfixturevalue(role) for role in ROLES if role != "anonymous"}


A, OUT, N1, N2, E, S = ROLES  # the six roles, in order
ALL_READERS = {A: 401, OUT: 403, N1: 200, N2: 200, E: 200, S: 200}
EVERYONE = dict.fromkeys(ROLES, 200)
EDITORS = {A: 401, OUT: 403, N1: 403, N2: 403, E: 200, S: 200}

# (method, path, body, If-Match taken from, expected status per role)
CASES: list[tuple[str, str, Any, str | None, dict[str, int]]] = [
    ("get", "/api/claims/", None, None, ALL_READERS),
    ("get", "/api/claims/{published}/", None, None, ALL_READERS),
    ("get", "/api/claims/{published}/reviews/", None, None, ALL_READERS),
    ("get", "/api/reviews/", None, None, ALL_READERS),
    # Blind review: the other annotator has submitted nothing on that claim.
    ("get", "/api/reviews/{review}/", None, None, {**ALL_READERS, N2: 404}),
    ("get", "/api/sources/", None, None, ALL_READERS),
    # The source belongs to the annotator's draft: nobody else reads a draft.
    ("get", "/api/sources/{source}/", None, None, {**ALL_READERS, N2: 404, E: 404, S: 404}),
    ("get", "/api/verdicts/", None, None, ALL_READERS),
    ("get", "/api/verdicts/{verdict}/", None, None, ALL_READERS),
    ("get", "/api/prior-fact-checks/", None, None, ALL_READERS),
    ("get", "/api/prior-fact-checks/{prior}/", None, None, ALL_READERS),
    ("get", "/api/webhooks/", None, None, EDITORS),
    ("get", "/api/webhooks/{hook}/", None, None, EDITORS),
    ("get", "/api/webhooks/{hook}/deliveries/", None, None, EDITORS),
    ("get", "/api/me/", None, None, {**EVERYONE, A: 401}),
    ("get", "/api/export/claimreview/", None, None, {**EVERYONE, A: 401}),
    ("get", "/api/export/webannotation/", None, None, {**EVERYONE, A: 401}),
    ("get", "/api/export/csv/", None, None, {**EVERYONE, A: 401}),
    ("get", "/api/export/jsonl/", None, None, {**EVERYONE, A: 401}),
    (
        "get",
        "/api/export/training/",
        None,
        None,
        {A: 401, OUT: 403, N1: 403, N2: 403, E: 403, S: 200},
    ),
    ("get", "/fact-checks/", None, None, EVERYONE),
    ("get", "/fact-checks/{published}/", None, None, EVERYONE),
    ("get", "/fact-checks/{decided}/", None, None, dict.fromkeys(ROLES, 404)),
    (
        "post",
        "/api/claims/",
        {"article": "{article}", "start": 0, "end": 6},
        None,
        {A: 401, OUT: 403, N1: 201, N2: 201, E: 201, S: 201},
    ),
    (
        "post",
        "/api/claims/{suggestion}/accept/",
        {},
        "/api/claims/{suggestion}/",
        {A: 401, OUT: 403, N1: 200, N2: 200, E: 200, S: 200},
    ),
    (
        "patch",
        "/api/claims/{open}/",
        {"claimant": "A minister"},
        "/api/claims/{open}/",
        {A: 401, OUT: 403, N1: 200, N2: 403, E: 200, S: 200},
    ),
    (
        "post",
        "/api/claims/{open}/assign/",
        {"reviewers": ["{annotator2}"]},
        "/api/claims/{open}/",
        EDITORS,
    ),
    (
        "post",
        "/api/claims/{open}/unassign/",
        {"reviewer": "{annotator}"},
        "/api/claims/{open}/",
        EDITORS,
    ),
    ("post", "/api/claims/{open}/dismiss/", {"reason": "Opinion"}, "/api/claims/{open}/", EDITORS),
    (
        "post",
        "/api/prior-fact-checks/import/",
        {"@type": "ClaimReview", "url": "https://f.example/2", "claimReviewed": "X"},
        None,
        {A: 401, OUT: 403, N1: 403, N2: 403, E: 201, S: 201},
    ),
    # An IP literal: registration resolves the host, and the tests reach no DNS.
    (
        "post",
        "/api/webhooks/",
        {"url": "https://93.184.215.14/other"},
        None,
        {**EDITORS, E: 201, S: 201},
    ),
    ("delete", "/api/webhooks/{hook}/", None, None, {**EDITORS, E: 204, S: 204}),
    ("post", "/api/claims/{dismissed}/restore/", {}, "/api/claims/{dismissed}/", EDITORS),
    (
        "post",
        "/api/claims/{reviewed}/adjudicate/",
        {"verdict": "{verdict}"},
        "/api/claims/{reviewed}/",
        EDITORS,
    ),
    ("post", "/api/claims/{decided}/publish/", {}, "/api/claims/{decided}/", EDITORS),
    ("post", "/api/claims/{published}/unpublish/", {}, "/api/claims/{published}/", EDITORS),
    # The annotator's draft exists already (their source started it): 409, not a second one.
    (
        "post",
        "/api/claims/{open}/reviews/",
        {"rationale": "Draft"},
        None,
        {A: 401, OUT: 403, N1: 409, N2: 403, E: 403, S: 403},
    ),
    (
        "post",
        "/api/claims/{suggestion}/reviews/",
        {"rationale": "Draft"},
        None,
        {A: 401, OUT: 403, N1: 403, N2: 403, E: 403, S: 403},
    ),
    (
        "post",
        "/api/sources/",
        {"claim": "{open}", "url": "https://example.org/x"},
        None,
        {A: 401, OUT: 403, N1: 201, N2: 403, E: 403, S: 403},
    ),
    (
        "patch",
        "/api/sources/{source}/",
        {"title": "UN"},
        "/api/sources/{source}/",
        {A: 401, OUT: 403, N1: 200, N2: 404, E: 404, S: 404},
    ),
    # The review is on a published claim: closed to its author, not the others' to change.
    (
        "patch",
        "/api/reviews/{review}/",
        {"rationale": "More"},
        "/api/reviews/{review}/",
        {A: 401, OUT: 403, N1: 400, N2: 404, E: 403, S: 403},
    ),
    (
        "post",
        "/api/reviews/{review}/submit/",
        {},
        "/api/reviews/{review}/",
        {A: 401, OUT: 403, N1: 400, N2: 404, E: 403, S: 403},
    ),
    (
        "delete",
        "/api/sources/{source}/",
        None,
        "/api/sources/{source}/",
        {A: 401, OUT: 403, N1: 204, N2: 404, E: 404, S: 404},
    ),
    # Tokens: a wrong password is 401 for anyone; these clients hold a session, not a
    # token, so there is no token of the request's own to revoke (400), only all of them.
    (
        "post",
        "/api/auth/login/",
        {"username": "ann", "password": "not-the-password"},
        None,
        dict.fromkeys(ROLES, 401),
    ),
    ("post", "/api/auth/logout/", {}, None, {**dict.fromkeys(ROLES, 400), A: 401}),
    ("post", "/api/auth/logoutall/", {}, None, {**dict.fromkeys(ROLES, 204), A: 401}),
]


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if (
        isinstance(value, str)
        and value.startswith("{")
        and value.endswith("}")
        and value.count("{") == 1
    ):
        return ids[value[1:-1]]
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


READS = [case for case in CASES if case[0] == "get"]
WRITES = [case for case in CASES if case[0] != "get"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_its_answer_on_every_read(request, world, role):
    for method, path, body, tag_of, expected in READS:
        _check(request, world, role, method, path, body, tag_of, expected)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "tag_of", "expected"), WRITES, ids=[f"{c[0]} {c[1]}" for c in WRITES]
)
def test_every_role_gets_its_answer_on_every_change(
    request, world, role, method, path, body, tag_of, expected
):
    _check(request, world, role, method, path, body, tag_of, expected)


def test_the_walk_covers_every_api_operation_in_the_schema(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    walked = {(m, _template(p)) for m, p, *_ in CASES}
    missing = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if (method, _template(path)) not in walked and not path.startswith(
                ("/api/articles", "/api/schema")
            ):
                missing.append(f"{method} {path}")
    assert not missing


def _template(path: str) -> str:
    import re

    return re.sub(r"\{[^}]+\}", "{}", path)


def _check(request, world, role, method, path, body, tag_of, expected) -> None:
    users = _users(request)
    ids = {
        **world,
        "annotator": users["annotator"].pk,
        "annotator2": users["annotator2"].pk,
        "_annotator": users["annotator"],
    }
    headers = {}
    if tag_of:
        # Whoever may read the object gives its ETag: the author, else staff.
        for reader in (users["annotator"], users["staff"]):
            answer = client_for(reader).get(_fill(tag_of, ids))
            if answer.status_code == 200:
                headers["HTTP_IF_MATCH"] = answer["ETag"]
                break
    client = APIClient() if role == "anonymous" else client_for(users[role])
    url = _fill(path, ids)
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = getattr(client, method)(url, _fill(body, ids), format="json", **headers)
    assert response.status_code == expected[role], (
        role,
        url,
        getattr(response, "content", b"")[:300],
    )
