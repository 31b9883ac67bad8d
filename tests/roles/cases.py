"""The cases: every page, form and API operation, with the status each role must get.

The desk's actions are posted as htmx does (``HX-Request``), so that a refusal answers
with its own status instead of a redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from tests.roles.rules import (
    ANN,
    ANN2,
    API_EDITORS,
    API_READ,
    DESK_POST_ONLY,
    DESK_READ,
    ED,
    EDITOR_PAGE,
    EVERYONE,
    STAFF,
    X_ALL,
    Y_ALL,
    Case,
    Expect,
    expect,
)


def _desk_cases() -> list[Case]:
    def read(url: str, endpoint: str, **kw: Any) -> Case:
        return Case("get", url, kw.pop("status", DESK_READ), endpoint, **kw)

    cases = [
        read("/articles/", "claims:article-list"),
        read("/articles/new/", "claims:article-new"),
        read("/articles/{article}/", "annotate:article", shows=("Y-final",)),
        read("/articles/{article}/?claim={X}", "annotate:article", shows=X_ALL),
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
        # The verdicts' colours, a stylesheet the public pages use too.
        Case("get", "/desk/verdict-colours.css", EVERYONE, "annotate:verdict-colours"),
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
        # Tokens: a wrong password is 401 for anyone. These clients hold a session, not a
        # token, so there is no token of the request's own to revoke (400), only all of them.
        change(
            "post",
            "/api/auth/login/",
            "post /api/auth/login/",
            expect(401),
            {"username": "ann", "password": "not-the-password"},
        ),
        change(
            "post", "/api/auth/logout/", "post /api/auth/logout/", expect(400, anonymous=401), {}
        ),
        change(
            "post",
            "/api/auth/logoutall/",
            "post /api/auth/logoutall/",
            expect(204, anonymous=401),
            {},
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
# The record of the desk is read-only in the admin: nothing added or deleted there
# (claimdesk/admin.py says why); the services write it.
READ_ONLY_ADMINS = {
    "annotate.Review",
    "annotate.Assignment",
    "annotate.Decision",
    "claims.Claim",
    "claims.Sentence",
    "publishing.WebhookDelivery",
}
# Log-in records (django-axes) are written by log-ins only; staff may delete one to unlock.
# Articles come from article_create, endpoints from webhook_register, prior fact-checks
# from prior_fact_checks_import.
NO_ADD_ADMINS = {
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "claims.Article",
    "publishing.PriorFactCheck",
    "publishing.WebhookEndpoint",
}
# An article takes its claims with it; a verdict is retired, not deleted.
NO_DELETE_ADMINS = {"claims.Article", "annotate.Verdict"}


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
            if kind == "add" and opts.label in NO_ADD_ADMINS:
                code = 403
            if kind == "delete" and opts.label in NO_DELETE_ADMINS:
                code = 403
            if kind == "simple_history":
                suffix = suffix.format(pk=record.id, history=record.history_id)
            cases.append(case(base + suffix.format(pk=obj.pk), name, code))
    return cases


def all_cases(world: dict[str, Any]) -> list[Case]:
    """Every case; the admin's pages are those of the models registered there."""
    return [
        *_public_cases(),
        *_desk_cases(),
        *_desk_changes(),
        *_api_reads(),
        *_api_changes(),
        *_admin_cases(world),
    ]


def static_cases() -> list[Case]:
    """The cases that need no world: all but the admin's."""
    return [*_public_cases(), *_desk_cases(), *_desk_changes(), *_api_reads(), *_api_changes()]
