"""Every URL and every API operation, with every role, blind review in effect and not.

The cases are checked against the URL resolver and the OpenAPI schema: a URL or an
operation with no expectation here fails ``test_every_url_has_an_expectation`` or
``test_every_api_operation_has_an_expectation``, so a new endpoint cannot be forgotten.

Each (phase, role) test builds one world and visits every case.  Changes run inside a
transaction that is rolled back after each request, so every case sees the same world.
For every answer, whatever its status, the data the role may not read must be absent
(``Marker``); where the role may read it and the page shows it, it must be present, so
that the check of absence can fail.

The world: claims in each state, and two claims, X (decided) and Y (decided and
published), both assigned to the annotator (``ann``), who submitted a review of each,
and to the other annotator (``ann2``).  In the ``blind`` phase ann2 has a draft only
and is blind on both; in the ``submitted`` phase ann2 submitted before the decisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from annotate import services
from annotate.models import Decision, Review, Verdict
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus
from publishing.models import PriorFactCheck, WebhookDelivery, WebhookEndpoint
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ANON, OUT, ANN, ANN2, ED, STAFF = ROLES = ("anonymous", "no role", "ann", "ann2", "editor", "staff")
PHASES = ("blind", "submitted")
EDITORS = (ED, STAFF)

TEXT = (
    "The war killed more than 13,000 people since 2014, officials said. "
    "Washington promised more than $2.5 billion in funding. "
    "On Friday (December 17) Russia issued a proposal. "
    "Russia has deployed tens of thousands of soldiers along the border, the West says. "
    "Unemployment rose by 4.2% in 2023 according to the statistics office. "
    "Prices of bread doubled to 3 euros in 12 months, the minister said. "
    "Exports fell by 17% to 40 billion dollars last year, the agency reported. "
    "The city has 2.1 million inhabitants and 400 schools, the mayor claimed."
)


# --- what may be read ----------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """A piece of hidden data, as text that appears nowhere else in the world."""

    claim: str  # "X" (decided) or "Y" (decided and published)
    part: str  # "final" (verdict name), "note" (editor's), "ann" or "ann2" (rationales)
    text: str


MARKERS = [
    Marker("X", "final", "Misleading"),
    Marker("X", "note", "NOTE-OF-THE-EDITOR-ON-X"),
    Marker("X", "ann", "RATIONALE-OF-ANN-ON-X"),
    Marker("X", "ann2", "RATIONALE-OF-ANN2-ON-X"),
    Marker("Y", "final", "Unverifiable"),
    Marker("Y", "note", "NOTE-OF-THE-EDITOR-ON-Y"),
    Marker("Y", "ann", "RATIONALE-OF-ANN-ON-Y"),
    Marker("Y", "ann2", "RATIONALE-OF-ANN2-ON-Y"),
]
MARK = {f"{m.claim}-{m.part}": m for m in MARKERS}


def may_read(marker: Marker, role: str, phase: str, channel: str) -> bool:
    """The rule under test: who may learn what, on the desk and API, the public pages and
    the admin."""
    if channel == "admin":
        return role == STAFF
    public = marker.claim == "Y" and marker.part in ("final", "note")
    if channel == "public" or role in (ANON, OUT):
        return public
    draft = marker.part == "ann2" and phase == "blind"  # ann2's review is a draft then
    if role in (*EDITORS, ANN):
        return not draft  # editors read all submitted reviews; ann submitted hers
    # ann2: blind until they submit (their own draft they read, of course).
    return phase == "submitted" or marker.part == "ann2"


# --- the cases -----------------------------------------------------------------------------

Expect = dict[str, int]


def expect(default: int, **by_role: int) -> Expect:
    names = {"anonymous": ANON, "out": OUT, "ann": ANN, "ann2": ANN2, "ed": ED, "staff": STAFF}
    return {role: by_role.get(key, default) for key, role in names.items()}


@dataclass(frozen=True)
class Case:
    """One request and the status each role must get (``blind`` overrides in that phase)."""

    method: str
    url: str  # formatted with the world's ids
    status: Expect
    endpoint: str  # the resolver's name (or route) of the URL, or "METHOD /api/path"
    body: Any = None
    htmx: bool = False
    api: bool = False
    if_match: str | None = None  # where to read the ETag the change needs
    shows: tuple[str, ...] = ()  # markers shown to whoever may read them
    below_editors: tuple[str, ...] | None = None  # shows, for roles below editor
    channel: str = "desk"
    blind: Expect = field(default_factory=dict)
    scale: bool = False  # the page lists the whole rating scale: verdict names are no secret
    drafts: bool = True  # shows drafts to their author (exports carry submitted reviews only)
    finds: str = ""  # a filter on this marker: its claim is listed only to who may read it

    def expected(self, role: str, phase: str) -> int:
        return self.blind.get(role, self.status[role]) if phase == "blind" else self.status[role]


DESK_READ = expect(200, anonymous=302, out=403)  # login_required, then the desk's role
DESK_POST_ONLY = expect(405, anonymous=302, out=403)
EDITOR_PAGE = expect(403, anonymous=302, ed=200, staff=200)
API_READ = expect(200, anonymous=401, out=403)
API_EDITORS = expect(403, anonymous=401, ed=200, staff=200)
EVERYONE = expect(200)
X_ALL = ("X-final", "X-note", "X-ann", "X-ann2")
Y_ALL = ("Y-final", "Y-note", "Y-ann", "Y-ann2")


def _desk_cases() -> list[Case]:
    def read(url: str, endpoint: str, **kw: Any) -> Case:
        return Case("get", url, kw.pop("status", DESK_READ), endpoint, **kw)

    cases = [
        read("/articles/", "claims:article-list"),
        read("/articles/new/", "claims:article-new"),
        # The desk answers /articles/<id>/ (the claims app's own page is shadowed).
        read("/articles/{article}/", "articles/<int:article_id>/", shows=("Y-final",)),
        read("/articles/{article}/?claim={X}", "claims:article-detail", shows=X_ALL),
        read("/articles/{article}/progress/", "claims:article-progress"),
        # POST only, and refused as such before the role is asked.
        read(
            "/articles/{article}/retry/", "claims:article-retry", status=expect(405, anonymous=302)
        ),
        read("/desk/claims/", "annotate:claim-list", shows=("X-final", "Y-final")),
        read("/desk/verdicts/", "annotate:verdicts", status=EDITOR_PAGE, scale=True),
        read("/desk/claims/{X}/", "annotate:claim", shows=X_ALL),
        read("/desk/claims/{Y}/", "annotate:claim", shows=Y_ALL),
        read("/desk/claims/{X}/pane/", "annotate:pane", shows=X_ALL),
        read("/desk/claims/{X}/history/", "annotate:history", shows=("X-final",)),
        read("/desk/claims/{Y}/history/", "annotate:history", shows=("Y-final",)),
        read(
            "/desk/claims/{X}/adjudicate/", "annotate:adjudicate", status=EDITOR_PAGE, shows=X_ALL
        ),
        read("/dashboard/", "dashboard:home"),
        read("/dashboard/mine/", "dashboard:mine"),
        read("/dashboard/desk/", "dashboard:desk", status=EDITOR_PAGE),
    ]
    for name, path in [
        ("annotate:mark", "/desk/articles/{article}/mark/"),
        ("annotate:bulk", "/desk/claims/bulk/"),
        ("annotate:accept", "/desk/claims/{suggestion}/accept/"),
        ("annotate:dismiss", "/desk/claims/{open}/dismiss/"),
        ("annotate:restore", "/desk/claims/{dismissed}/restore/"),
        ("annotate:claimant", "/desk/claims/{open}/claimant/"),
        ("annotate:assign", "/desk/claims/{open}/assign/"),
        ("annotate:unassign", "/desk/claims/{open}/unassign/"),
        ("annotate:publish", "/desk/claims/{decided}/publish/"),
        ("annotate:unpublish", "/desk/claims/{published}/unpublish/"),
        ("annotate:review-save", "/desk/claims/{open}/review/save/"),
        ("annotate:review-submit", "/desk/claims/{open}/review/submit/"),
        ("annotate:source-add", "/desk/claims/{open}/sources/"),
        ("annotate:source-remove", "/desk/claims/{open}/sources/{source}/remove/"),
    ]:
        cases.append(read(path, name, status=DESK_POST_ONLY))
    return cases


def _desk_changes() -> list[Case]:
    def post(url: str, endpoint: str, status: Expect, body: Any, **kw: Any) -> Case:
        return Case("post", url, status, endpoint, body=body, htmx=True, **kw)

    hx_editors = expect(403, anonymous=302, ed=200, staff=200)
    hx_reviewers = expect(200, anonymous=302, out=403)
    own = expect(403, anonymous=302, ann=200)  # the annotator's own review of "open"
    return [
        post(
            "/desk/articles/{article}/mark/",
            "annotate:mark",
            expect(204, anonymous=302, out=403),
            {"quote": "400 schools"},
        ),
        post(
            "/desk/claims/{suggestion}/accept/",
            "annotate:accept",
            hx_reviewers,
            {"version": "{v:suggestion}"},
        ),
        post(
            "/desk/claims/{open}/dismiss/",
            "annotate:dismiss",
            hx_editors,
            {"version": "{v:open}", "reason": "Opinion"},
        ),
        post(
            "/desk/claims/{dismissed}/restore/",
            "annotate:restore",
            hx_editors,
            {"version": "{v:dismissed}"},
        ),
        post(
            "/desk/claims/{open}/claimant/",
            "annotate:claimant",
            expect(200, anonymous=302, out=403, ann2=403),
            {"version": "{v:open}", "claimant": "A minister"},
        ),
        # ann2, assigned to X, may name its claimant: the pane they get back stays blind.
        post(
            "/desk/claims/{X}/claimant/",
            "annotate:claimant",
            expect(200, anonymous=302, out=403, ann=200, ann2=200),
            {"version": "{v:X}", "claimant": "The minister"},
            shows=X_ALL,
        ),
        post(
            "/desk/claims/{open}/assign/",
            "annotate:assign",
            hx_editors,
            {"version": "{v:open}", "reviewers": ["{user:ann2}"]},
        ),
        post(
            "/desk/claims/{open}/unassign/",
            "annotate:unassign",
            hx_editors,
            {"version": "{v:open}", "reviewer": "{user:ann}"},
        ),
        post(
            "/desk/claims/{decided}/publish/",
            "annotate:publish",
            hx_editors,
            {"version": "{v:decided}"},
        ),
        post(
            "/desk/claims/{published}/unpublish/",
            "annotate:unpublish",
            hx_editors,
            {"version": "{v:published}", "reason": ""},
        ),
        post(
            "/desk/claims/{open}/review/save/",
            "annotate:review-save",
            own,
            {"version": "{rv:open}", "rationale": "Draft"},
        ),
        # X is decided: its reviews are closed, to its blind reviewer too (and nothing leaks).
        post(
            "/desk/claims/{X}/review/save/",
            "annotate:review-save",
            expect(403, anonymous=302, ann=400, ann2=400),
            {"version": "{rv:X}", "rationale": "More"},
        ),
        post(
            "/desk/claims/{open}/review/submit/",
            "annotate:review-submit",
            own,
            {"version": "{rv:open}", "verdict": "{verdict}", "rationale": "Checked."},
        ),
        post(
            "/desk/claims/{open}/sources/",
            "annotate:source-add",
            own,
            {"url": "https://example.org/more", "stance": "context"},
        ),
        post("/desk/claims/{open}/sources/{source}/remove/", "annotate:source-remove", own, {}),
        Case(
            "post",
            "/desk/claims/{reviewed}/adjudicate/",
            expect(403, anonymous=302, ed=302, staff=302),
            "annotate:adjudicate",
            body={"version": "{v:reviewed}", "verdict": "{verdict}", "note": "Agreed."},
        ),
        Case(
            "post",
            "/desk/claims/bulk/",
            expect(403, anonymous=302, ed=302, staff=302),
            "annotate:bulk",
            body={"action": "dismiss", "claims": ["{open}"], "reason": "Duplicate"},
        ),
        Case(
            "post",
            "/desk/verdicts/",
            expect(403, anonymous=302, ed=302, staff=302),
            "annotate:verdicts",
            body={"name": "Satire", "colour": "#123456", "rating_value": ""},
        ),
        Case(
            "post",
            "/articles/new/",
            expect(302, out=403),
            "claims:article-new",
            body={"title": "New", "body": "A fresh article with 12 numbers in it."},
        ),
        Case(
            "post",
            "/articles/{article}/retry/",
            expect(403, anonymous=302, ed=302, staff=302),
            "claims:article-retry",
            body={},
        ),
    ]


def _public_cases() -> list[Case]:
    return [
        Case("get", "/", expect(302), ""),
        Case("get", "/accounts/login/", EVERYONE, "login"),
        Case("get", "/accounts/logout/", expect(405), "logout"),
        Case("post", "/accounts/logout/", expect(302), "logout", body={}),
        Case(
            "get",
            "/fact-checks/",
            EVERYONE,
            "publishing:fact-check-list",
            shows=("Y-final",),
            channel="public",
        ),
        Case(
            "get",
            "/fact-checks/{Y}/",
            EVERYONE,
            "publishing:fact-check",
            shows=("Y-final", "Y-note"),
            channel="public",
        ),
        Case("get", "/fact-checks/{X}/", expect(404), "publishing:fact-check", channel="public"),
    ]


def _api_reads() -> list[Case]:
    def get(url: str, endpoint: str, status: Expect = API_READ, **kw: Any) -> Case:
        return Case("get", url, status, endpoint, api=True, **kw)

    exports = {
        fmt: get(
            f"/api/export/{fmt}/",
            f"get /api/export/{fmt}/",
            expect(200, anonymous=401),
            shows=shown,
            below_editors=tuple(m for m in shown if m.startswith("Y")),
            drafts=False,
        )
        for fmt, shown in [
            # CSV: reviewers' names and verdicts, no rationale of theirs.
            ("csv", ("X-final", "X-note", "Y-final", "Y-note")),
            ("jsonl", X_ALL + Y_ALL),
            ("webannotation", ("X-final", "X-note", "Y-final", "Y-note")),
            ("claimreview", ("Y-final",)),
        ]
    }
    return [
        get("/api/", "api:api-root", expect(200, anonymous=401)),
        get("/api/.json", "api:api-root", expect(200, anonymous=401)),
        # The API's description is public: it holds no data.
        get("/api/schema/", "schema", EVERYONE, scale=True),
        get("/api/docs/", "api-docs", EVERYONE, scale=True),
        get("/api/redoc/", "api-redoc", EVERYONE, scale=True),
        get("/api/articles/", "get /api/articles/"),
        get("/api/articles.json", "api:article-list"),
        get("/api/articles/{article}/", "get /api/articles/{id}/"),
        get("/api/articles/{article}.json", "api:article-detail"),
        get("/api/articles/{article}/sentences/", "get /api/articles/{article_pk}/sentences/"),
        get("/api/claims/", "get /api/claims/", shows=("X-final", "Y-final")),
        # A guess of the verdict finds the claim only for who may read the verdict.
        get(
            "/api/claims/?verdict={verdict:X}",
            "get /api/claims/",
            shows=("X-final",),
            finds="X-final",
        ),
        get(
            "/api/claims/?verdict={verdict:Y}",
            "get /api/claims/",
            shows=("Y-final",),
            finds="Y-final",
        ),
        get("/api/claims/?verdict={verdict}", "get /api/claims/", finds="X-final", scale=True),
        get("/api/claims/{X}/", "get /api/claims/{id}/", shows=("X-final",)),
        get(
            "/api/claims/{X}/reviews/",
            "get /api/claims/{claim_pk}/reviews/",
            shows=("X-ann", "X-ann2"),
        ),
        get("/api/reviews/", "get /api/reviews/", shows=("X-ann", "X-ann2", "Y-ann", "Y-ann2")),
        get("/api/reviews/?claim={X}", "get /api/reviews/", shows=("X-ann", "X-ann2")),
        # Blind review: ann2 reads ann's review once they have submitted their own.
        get(
            "/api/reviews/{review:X-ann}/",
            "get /api/reviews/{id}/",
            shows=("X-ann",),
            blind={ANN2: 404},
        ),
        # A draft is its author's alone; submitted, every reader of the desk may read it.
        get(
            "/api/reviews/{review:X-ann2}/",
            "get /api/reviews/{id}/",
            shows=("X-ann2",),
            blind={ANN: 404, ED: 404, STAFF: 404},
        ),
        get("/api/sources/", "get /api/sources/"),
        get(
            "/api/sources/{source}/",
            "get /api/sources/{id}/",
            expect(404, anonymous=401, out=403, ann=200),
        ),
        get("/api/verdicts/", "get /api/verdicts/", scale=True),
        get("/api/verdicts/{verdict}/", "get /api/verdicts/{id}/", scale=True),
        get("/api/prior-fact-checks/", "get /api/prior-fact-checks/"),
        get("/api/prior-fact-checks/{prior}/", "get /api/prior-fact-checks/{id}/"),
        get("/api/webhooks/", "get /api/webhooks/", API_EDITORS),
        get("/api/webhooks/{hook}/", "get /api/webhooks/{id}/", API_EDITORS),
        get(
            "/api/webhooks/{hook}/deliveries/",
            "get /api/webhooks/{id}/deliveries/",
            API_EDITORS,
            shows=("Y-final",),
        ),
        get("/api/me/", "get /api/me/", expect(200, anonymous=401)),
        *exports.values(),
        get(
            "/api/export/training/",
            "get /api/export/training/",
            expect(403, anonymous=401, ed=200, staff=200),
        ),
    ]


def _api_changes() -> list[Case]:
    def change(
        method: str, url: str, endpoint: str, status: Expect, body: Any = None, **kw: Any
    ) -> Case:
        return Case(method, url, status, endpoint, body=body, api=True, **kw)

    api_editors = expect(403, anonymous=401, ed=200, staff=200)
    own = expect(404, anonymous=401, out=403, ann=200)
    return [
        change(
            "post",
            "/api/articles/",
            "post /api/articles/",
            expect(201, anonymous=401, out=403),
            {"title": "T", "body": "Another article with 7 figures.", "format": "text"},
        ),
        change(
            "post",
            "/api/claims/",
            "post /api/claims/",
            expect(201, anonymous=401, out=403),
            {"article": "{article}", "start": 0, "end": 6},
        ),
        change(
            "post",
            "/api/claims/{suggestion}/accept/",
            "post /api/claims/{id}/accept/",
            expect(200, anonymous=401, out=403),
            {},
            if_match="/api/claims/{suggestion}/",
        ),
        change(
            "patch",
            "/api/claims/{open}/",
            "patch /api/claims/{id}/",
            expect(200, anonymous=401, out=403, ann2=403),
            {"claimant": "A minister"},
            if_match="/api/claims/{open}/",
        ),
        change(
            "patch",
            "/api/claims/{X}/",
            "patch /api/claims/{id}/",
            expect(200, anonymous=401, out=403),
            {"claimant": "The minister"},
            if_match="/api/claims/{X}/",
            shows=("X-final",),
        ),
        change(
            "post",
            "/api/claims/{open}/assign/",
            "post /api/claims/{id}/assign/",
            api_editors,
            {"reviewers": ["{user:ann2}"]},
            if_match="/api/claims/{open}/",
        ),
        change(
            "post",
            "/api/claims/{open}/unassign/",
            "post /api/claims/{id}/unassign/",
            api_editors,
            {"reviewer": "{user:ann}"},
            if_match="/api/claims/{open}/",
        ),
        change(
            "post",
            "/api/claims/{open}/dismiss/",
            "post /api/claims/{id}/dismiss/",
            api_editors,
            {"reason": "Opinion"},
            if_match="/api/claims/{open}/",
        ),
        change(
            "post",
            "/api/claims/{dismissed}/restore/",
            "post /api/claims/{id}/restore/",
            api_editors,
            {},
            if_match="/api/claims/{dismissed}/",
        ),
        change(
            "post",
            "/api/claims/{reviewed}/adjudicate/",
            "post /api/claims/{id}/adjudicate/",
            api_editors,
            {"verdict": "{verdict}"},
            if_match="/api/claims/{reviewed}/",
        ),
        change(
            "post",
            "/api/claims/{decided}/publish/",
            "post /api/claims/{id}/publish/",
            api_editors,
            {},
            if_match="/api/claims/{decided}/",
        ),
        change(
            "post",
            "/api/claims/{published}/unpublish/",
            "post /api/claims/{id}/unpublish/",
            api_editors,
            {},
            if_match="/api/claims/{published}/",
        ),
        # The annotator's draft exists already (their source started it): 409, not a second one.
        change(
            "post",
            "/api/claims/{open}/reviews/",
            "post /api/claims/{claim_pk}/reviews/",
            expect(403, anonymous=401, ann=409),
            {"rationale": "Draft"},
        ),
        change(
            "post",
            "/api/claims/{suggestion}/reviews/",
            "post /api/claims/{claim_pk}/reviews/",
            expect(403, anonymous=401),
            {"rationale": "Draft"},
        ),
        # The review is on a published claim: closed to its author, not the others' to change.
        change(
            "patch",
            "/api/reviews/{review:published}/",
            "patch /api/reviews/{id}/",
            expect(403, anonymous=401, ann=400, ann2=404),
            {"rationale": "More"},
            if_match="/api/reviews/{review:published}/",
        ),
        change(
            "post",
            "/api/reviews/{review:published}/submit/",
            "post /api/reviews/{id}/submit/",
            expect(403, anonymous=401, ann=400, ann2=404),
            {},
            if_match="/api/reviews/{review:published}/",
        ),
        change(
            "post",
            "/api/sources/",
            "post /api/sources/",
            expect(403, anonymous=401, ann=201),
            {"claim": "{open}", "url": "https://example.org/x"},
        ),
        change(
            "patch",
            "/api/sources/{source}/",
            "patch /api/sources/{id}/",
            own,
            {"title": "UN"},
            if_match="/api/sources/{source}/",
        ),
        change(
            "delete",
            "/api/sources/{source}/",
            "delete /api/sources/{id}/",
            {**own, ANN: 204},
            if_match="/api/sources/{source}/",
        ),
        change(
            "post",
            "/api/prior-fact-checks/import/",
            "post /api/prior-fact-checks/import/",
            expect(403, anonymous=401, ed=201, staff=201),
            {"@type": "ClaimReview", "url": "https://f.example/2", "claimReviewed": "X"},
        ),
        # An IP literal: registration resolves the host, and the tests reach no DNS.
        change(
            "post",
            "/api/webhooks/",
            "post /api/webhooks/",
            expect(403, anonymous=401, ed=201, staff=201),
            {"url": "https://93.184.215.14/other"},
        ),
        change(
            "delete",
            "/api/webhooks/{hook}/",
            "delete /api/webhooks/{id}/",
            expect(403, anonymous=401, ed=204, staff=204),
        ),
    ]


# --- the admin: staff only, every page of every registered model --------------------------

ADMIN_SITE_PAGES = {
    "admin:index": ("/admin/", 200),
    "admin:login": ("/admin/login/", 302),  # signed-in staff are sent on to the index
    "admin:logout": ("/admin/logout/", 405),  # POST only
    "admin:password_change": ("/admin/password_change/", 200),
    "admin:password_change_done": ("/admin/password_change/done/", 200),
    "admin:autocomplete": ("/admin/autocomplete/", 403),  # no field named: refused
    "admin:jsi18n": ("/admin/jsi18n/", 200),
    "admin:view_on_site": ("/admin/r/{ct:claim}/{X}/", 404),  # claims have no public URL here
    "admin/(?P<url>.*)$": ("/admin/no-such-page/", 404),
}
ADMIN_MODEL_PAGES = {
    "changelist": ("", 200),
    "add": ("add/", 200),
    "change": ("{pk}/change/", 200),
    "history": ("{pk}/history/", 200),
    "delete": ("{pk}/delete/", 200),
    "simple_history": ("{pk}/history/{history}/", 200),
    "password_change": ("{pk}/password/", 200),
    "<path:object_id>/": ("{pk}/", 302),  # an old-style address, sent on to the change page
}
# The record of the desk is read-only in the admin: nothing added or deleted there.
READ_ONLY_ADMINS = {"annotate.Review", "annotate.Assignment", "annotate.Decision"}


def _admin_cases(world: dict[str, Any]) -> list[Case]:
    non_staff = expect(302, staff=0)  # to the admin's login page

    def case(url: str, endpoint: str, staff_status: int) -> Case:
        status = {**non_staff, STAFF: staff_status}
        if endpoint == "admin:login":
            status = {**expect(200), STAFF: staff_status}  # the login page itself
        return Case("get", url, status, endpoint, channel="admin")

    cases = [case(url, name, code) for name, (url, code) in ADMIN_SITE_PAGES.items()]
    for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
        cases.append(case(f"/admin/{app_label}/", "admin:app_list", 200))
    for model in admin.site._registry:
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        obj = world["admin_objects"][opts.label]
        history = getattr(model, "history", None)
        record = history.order_by("history_id").first() if history is not None else None
        for kind, (suffix, code) in ADMIN_MODEL_PAGES.items():
            name = f"admin:{opts.app_label}_{opts.model_name}_{kind}"
            if kind.startswith("<"):
                name = f"admin/{opts.app_label}/{opts.model_name}/{kind}"
            if name not in world["admin_names"]:
                continue
            if kind in ("add", "delete") and opts.label in READ_ONLY_ADMINS:
                code = 403
            if kind == "simple_history":
                suffix = suffix.format(pk=record.id, history=record.history_id)
            cases.append(case(base + suffix.format(pk=obj.pk), name, code))
    return cases


# --- the world -----------------------------------------------------------------------------


def _span(article: Article, phrase: str) -> tuple[int, int]:
    start = article.body.index(phrase)
    return start, start + len(phrase)


def _mark(article: Article, phrase: str, by: Any) -> Claim:
    start, end = _span(article, phrase)
    return services.claim_mark(article=article, start=start, end=end, by=by)


def _fresh(claim: Claim) -> Claim:
    claim.refresh_from_db()
    return claim


def _submit(claim: Claim, user: Any, verdict: Verdict, rationale: str) -> Review:
    claim = _fresh(claim)
    review = claim.reviews.filter(reviewer=user).first()
    return services.review_submit(
        claim=claim,
        by=user,
        version=review.version if review else None,
        verdict=verdict,
        rationale=rationale,
    )


def _decide(claim: Claim, editor: Any, verdict: Verdict, note: str = "") -> Claim:
    claim = _fresh(claim)
    services.claim_decide(claim=claim, verdict=verdict, note=note, by=editor, version=claim.version)
    return _fresh(claim)


def _publish(claim: Claim, editor: Any) -> Claim:
    services.claim_publish(claim=claim, by=editor, version=_fresh(claim).version)
    return _fresh(claim)


def _blind_pair(
    article: Article, phrase: str, name: str, final: Verdict, users: dict[str, Any], phase: str
) -> tuple[Claim, Review, Review]:
    """A claim both annotators review; ann submits, ann2 drafts (blind) or submits."""
    scale = {v.name: v for v in Verdict.objects.all()}
    claim = _mark(article, phrase, users[ANN])
    services.claim_assign(
        claim=claim, reviewers=[users[ANN2]], by=users[ED], version=_fresh(claim).version
    )
    ann = _submit(claim, users[ANN], scale["Mostly false"], MARK[f"{name}-ann"].text)
    if phase == "blind":
        ann2 = services.review_save(
            claim=_fresh(claim),
            by=users[ANN2],
            version=0,
            verdict=scale["Mostly true"],
            rationale=MARK[f"{name}-ann2"].text,
            confidence="",
        )
    else:
        ann2 = _submit(claim, users[ANN2], scale["Mostly true"], MARK[f"{name}-ann2"].text)
    return _decide(claim, users[ED], final, MARK[f"{name}-note"].text), ann, ann2


def build_world(users: dict[str, Any], phase: str) -> dict[str, Any]:
    scale = {v.name: v for v in Verdict.objects.all()}
    false = scale["False"]
    article = ArticleFactory(body=TEXT, title="Roles")
    hook = WebhookEndpoint.objects.create(url="https://93.184.215.14/hook", secret="s" * 64)
    open_claim = _mark(article, "more than 13,000 people since 2014", users[ANN])
    source = services.source_add(claim=open_claim, by=users[ANN], url="https://example.org/s")
    reviewed = _mark(article, "more than $2.5 billion", users[ANN])
    _submit(reviewed, users[ANN], false, "Checked.")
    decided = _mark(article, "December 17", users[ANN])
    _submit(decided, users[ANN], false, "Checked.")
    decided = _decide(decided, users[ED], false)
    published = _mark(article, "tens of thousands of soldiers", users[ANN])
    published_review = _submit(published, users[ANN], false, "Checked.")
    published = _publish(_decide(published, users[ED], false), users[ED])
    dismissed = _mark(article, "rose by 4.2% in 2023", users[ANN])
    services.claim_dismiss(
        claim=dismissed, reason="Old figure", by=users[ED], version=_fresh(dismissed).version
    )
    x, x_ann, x_ann2 = _blind_pair(
        article, "doubled to 3 euros in 12 months", "X", scale["Misleading"], users, phase
    )
    y, y_ann, y_ann2 = _blind_pair(
        article, "fell by 17% to 40 billion dollars", "Y", scale["Unverifiable"], users, phase
    )
    y = _publish(y, users[ED])
    suggestion = Claim.objects.filter(
        article=article, origin=ClaimOrigin.DETECTED, status=ClaimStatus.NEW, triage__isnull=True
    ).first()
    assert suggestion is not None, "the detector proposed no claim to accept"
    Token.objects.get_or_create(user=users[STAFF])
    # A change to the scale, so that the verdicts' history has a record to show.
    services.verdict_update(
        verdict=false,
        name=false.name,
        rating_value=false.rating_value,
        colour=false.colour,
        is_active=True,
        description="Not accurate.",
        by=users[ED],
    )
    claims = {
        "open": open_claim,
        "reviewed": reviewed,
        "decided": decided,
        "published": published,
        "dismissed": dismissed,
        "suggestion": suggestion,
        "X": x,
        "Y": y,
    }
    ids: dict[str, Any] = {name: c.pk for name, c in claims.items()}
    ids.update(
        {f"v:{name}": _fresh(c).version for name, c in claims.items()},
        article=article.pk,
        source=source.pk,
        prior=PriorFactCheck.objects.create(
            url="https://factcheck.example/1", claim_reviewed="Prices doubled", document={}
        ).pk,
        hook=hook.pk,
        verdict=false.pk,
    )
    ids.update(
        {
            "review:published": published_review.pk,
            "review:X-ann": x_ann.pk,
            "review:X-ann2": x_ann2.pk,
            "review:Y-ann": y_ann.pk,
            "review:Y-ann2": y_ann2.pk,
            "rv:open": Review.objects.get(claim=open_claim, reviewer=users[ANN]).version,
            "rv:X": x_ann2.version,
            "verdict:X": scale["Misleading"].pk,
            "verdict:Y": scale["Unverifiable"].pk,
            "user:ann": users[ANN].pk,
            "user:ann2": users[ANN2].pk,
        }
    )
    from django.contrib.contenttypes.models import ContentType

    ids["ct:claim"] = ContentType.objects.get_for_model(Claim).pk
    assert WebhookDelivery.objects.exists() and Decision.objects.filter(claim=y).exists()
    return {
        **ids,
        "admin_objects": {
            m._meta.label: m._default_manager.order_by("pk").first() for m in admin.site._registry
        },
        "admin_names": {name for _, name in _walk()},
    }


# --- the resolver and the schema -----------------------------------------------------------


def _walk(patterns: Any = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(route, name) of every URL pattern; the name is the route when the URL has none."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name or route


def _template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def all_cases(world: dict[str, Any]) -> list[Case]:
    return [
        *_public_cases(),
        *_desk_cases(),
        *_desk_changes(),
        *_api_reads(),
        *_api_changes(),
        *_admin_cases(world),
    ]


def _static_cases() -> list[Case]:
    return [*_public_cases(), *_desk_cases(), *_desk_changes(), *_api_reads(), *_api_changes()]


# --- running a case ------------------------------------------------------------------------


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, str):
        whole = re.fullmatch(r"\{([^{}]+)\}", value)
        if whole:
            return ids[whole.group(1)]
        return re.sub(r"\{([^{}]+)\}", lambda m: str(ids[m.group(1)]), value)
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _client(user: Any | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode(errors="replace")


def _without_the_scale(text: str) -> str:
    """The page less what lists every verdict of the scale (styles, legend, choices)."""
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    text = re.sub(r'<dl class="legend-row".*?</dl>', "", text, flags=re.S)
    return re.sub(r'<fieldset class="verdict-options">.*?</fieldset>', "", text, flags=re.S)


def _request(case: Case, client: APIClient, ids: dict[str, Any], etag: str | None) -> Any:
    headers: dict[str, str] = {}
    if case.htmx:
        headers["HTTP_HX_REQUEST"] = "true"
    if etag:
        headers["HTTP_IF_MATCH"] = etag
    url = _fill(case.url, ids)
    if case.method == "get":
        return client.get(url, **headers)
    body = _fill(case.body, ids)
    if case.api:
        return getattr(client, case.method)(url, body, format="json", **headers)
    return getattr(client, case.method)(url, body or {}, **headers)


def _etag(case: Case, users: dict[str, Any], ids: dict[str, Any]) -> str | None:
    """Whoever may read the object gives its ETag: its author, else staff."""
    if case.if_match is None:
        return None
    for reader in (users[ANN], users[STAFF]):
        answer = _client(reader).get(_fill(case.if_match, ids))
        if answer.status_code == 200:
            return str(answer["ETag"])
    return None


def check(
    case: Case, role: str, phase: str, users: dict[str, Any], world: dict[str, Any]
) -> list[str]:
    """Problems with one request: a wrong status, hidden data shown, shown data missing."""
    user = users.get(role)
    with transaction.atomic():
        response = _request(case, _client(user), world, _etag(case, users, world))
        text = _text(response)
        transaction.set_rollback(True)
    where = f"{case.method.upper()} {_fill(case.url, world)}"
    problems = []
    wanted = case.expected(role, phase)
    if response.status_code != wanted:
        problems.append(f"{where}: {response.status_code}, expected {wanted}: {text[:200]!r}")
    if case.scale or "text/html" in response.get("Content-Type", ""):
        text = _without_the_scale(text)
    shows = case.shows if role in EDITORS or case.below_editors is None else case.below_editors
    if phase == "blind" and not case.drafts:
        shows = tuple(m for m in shows if not m.endswith("ann2"))  # ann2's is a draft
    for marker in MARKERS:
        if case.scale and marker.part == "final":
            continue
        readable = may_read(marker, role, phase, case.channel)
        if not readable and marker.text in text:
            problems.append(f"{where}: shows {marker.claim}'s {marker.part}, hidden from {role}")
        named = f"{marker.claim}-{marker.part}"
        if readable and named in shows and response.status_code < 300 and marker.text not in text:
            problems.append(f"{where}: {marker.claim}'s {marker.part} missing for {role}")
    return problems + _found(case, role, phase, world, response, where)


def _found(
    case: Case, role: str, phase: str, world: dict[str, Any], response: Any, where: str
) -> list[str]:
    """A filter by a hidden value must not tell it by which claims it lists."""
    if not case.finds or response.status_code != 200:
        return []
    marker = MARK[case.finds]
    listed = world[marker.claim] in {c["id"] for c in response.json()["results"]}
    guessed_right = f"{{verdict:{marker.claim}}}" in case.url
    if listed and not (guessed_right and may_read(marker, role, phase, case.channel)):
        return [f"{where}: lists {marker.claim}, whose {marker.part} {role} may not read"]
    if guessed_right and not listed and may_read(marker, role, phase, case.channel):
        return [f"{where}: does not list {marker.claim} for {role}"]
    return []


# --- the tests -----------------------------------------------------------------------------


@pytest.fixture
def users(request: pytest.FixtureRequest) -> dict[str, Any]:
    fixtures = {OUT: "outsider", ANN: "annotator", ANN2: "annotator2", ED: "editor", STAFF: "staff"}
    return {role: request.getfixturevalue(name) for role, name in fixtures.items()}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_its_answer_everywhere(users, role, phase):
    world = build_world(users, phase)
    problems = [p for case in all_cases(world) for p in check(case, role, phase, users, world)]
    assert not problems, f"{role}, {phase}:\n" + "\n".join(problems)


# Patterns no request reaches: the desk answers /articles/<id>/ before the claims app's
# own page (claims:article-detail stays its name, for reverse()).
SHADOWED = {"claims:article-detail": "/articles/1/"}


def _endpoint(url: str) -> str:
    match = resolve(url.split("?")[0])
    return match.view_name if match.url_name else match.route


def test_every_url_has_an_expectation(users):
    world = build_world(users, "blind")
    covered = {_endpoint(_fill(case.url, world)) for case in all_cases(world)}
    for name, url in SHADOWED.items():
        assert _endpoint(url) != name  # still shadowed, else it needs cases of its own
        covered.add(name)
    missing = sorted({name for _, name in _walk()} - covered)
    assert not missing, f"URLs with no expectation: {missing}"


def test_every_api_operation_has_an_expectation(users):
    import yaml

    schema = yaml.safe_load(_client(users[STAFF]).get("/api/schema/").content)
    covered = {case.endpoint for case in _static_cases()}
    operations = {
        f"{method} {_template(path)}"
        for path, methods in schema["paths"].items()
        for method in methods
    }
    missing = sorted(operations - {_template(name) for name in covered})
    assert not missing, f"API operations with no expectation: {missing}"


def test_the_check_finds_a_leak(users):
    """The matrix can fail: a page that showed the blind reviewer the final verdict would."""
    world = build_world(users, "blind")
    case = Case(
        "get", "/api/claims/{X}/", API_READ, "get /api/claims/{id}/", api=True, shows=("X-final",)
    )
    assert check(case, ANN2, "blind", users, world) == []
    assert check(case, ANN2, "submitted", users, world) == [
        f"GET /api/claims/{world['X']}/: X's final missing for ann2"
    ]
