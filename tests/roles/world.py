"""The world every case is visited in: claims in each state and two blind-review pairs.

X is decided, Y decided and published; both are assigned to the annotator (``ann``), who
submitted a review of each, and to the other annotator (``ann2``).  In the ``blind``
phase ann2 has a draft only and is blind on both; in the ``submitted`` phase ann2
submitted before the decisions.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from annotate import services
from annotate.models import Decision, Review, Verdict
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus
from publishing.models import PriorFactCheck, WebhookDelivery, WebhookEndpoint
from tests.factories import ArticleFactory, api_token_for, decide, fresh, mark, publish, submit
from tests.roles.rules import ANN, ANN2, ED, MARK, STAFF
from tests.roles.visit import walk

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


# --- the world -----------------------------------------------------------------------------


def _login_records() -> None:
    """One row of each log-in record the admin lists (django-axes), for its pages to show."""
    seen = {"user_agent": "roles", "ip_address": "192.0.2.1", "username": "someone-else"}
    request = {**seen, "http_accept": "text/html", "path_info": "/accounts/login/"}
    AccessAttempt.objects.create(**request, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**request)
    AccessLog.objects.create(**request)


def _blind_pair(
    article: Article, phrase: str, name: str, final: Verdict, users: dict[str, Any], phase: str
) -> tuple[Claim, Review, Review]:
    """A claim both annotators review; ann submits, ann2 drafts (blind) or submits."""
    scale = {v.name: v for v in Verdict.objects.all()}
    claim = mark(article, phrase, users[ANN])
    services.claim_assign(
        claim=claim, reviewers=[users[ANN2]], by=users[ED], version=fresh(claim).version
    )
    ann = submit(claim, users[ANN], scale["Mostly false"], MARK[f"{name}-ann"].text)
    if phase == "blind":
        ann2 = services.review_save(
            claim=fresh(claim),
            by=users[ANN2],
            version=0,
            verdict=scale["Mostly true"],
            rationale=MARK[f"{name}-ann2"].text,
            confidence="",
        )
    else:
        ann2 = submit(claim, users[ANN2], scale["Mostly true"], MARK[f"{name}-ann2"].text)
    return decide(claim, users[ED], final, MARK[f"{name}-note"].text), ann, ann2


def build_world(users: dict[str, Any], phase: str) -> dict[str, Any]:
    scale = {v.name: v for v in Verdict.objects.all()}
    false = scale["False"]
    article = ArticleFactory(body=TEXT, title="Roles")
    hook = WebhookEndpoint.objects.create(url="https://93.184.215.14/hook", secret="s" * 64)
    open_claim = mark(article, "more than 13,000 people since 2014", users[ANN])
    source = services.source_add(claim=open_claim, by=users[ANN], url="https://example.org/s")
    reviewed = mark(article, "more than $2.5 billion", users[ANN])
    submit(reviewed, users[ANN], false, "Checked.")
    decided = mark(article, "December 17", users[ANN])
    submit(decided, users[ANN], false, "Checked.")
    decided = decide(decided, users[ED], false)
    published = mark(article, "tens of thousands of soldiers", users[ANN])
    published_review = submit(published, users[ANN], false, "Checked.")
    published = publish(decide(published, users[ED], false), users[ED])
    dismissed = mark(article, "rose by 4.2% in 2023", users[ANN])
    services.claim_dismiss(
        claim=dismissed, reason="Old figure", by=users[ED], version=fresh(dismissed).version
    )
    x, x_ann, x_ann2 = _blind_pair(
        article, "doubled to 3 euros in 12 months", "X", scale["Misleading"], users, phase
    )
    y, y_ann, y_ann2 = _blind_pair(
        article, "fell by 17% to 40 billion dollars", "Y", scale["Unverifiable"], users, phase
    )
    y = publish(y, users[ED])
    suggestion = Claim.objects.filter(
        article=article, origin=ClaimOrigin.DETECTED, status=ClaimStatus.NEW, triage__isnull=True
    ).first()
    assert suggestion is not None, "the detector proposed no claim to accept"
    api_token_for(users[STAFF])
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
        {f"v:{name}": fresh(c).version for name, c in claims.items()},
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

    ids["ct:claim"] = ContentType.objects.get_for_model(Claim).pk
    _login_records()
    assert WebhookDelivery.objects.exists() and Decision.objects.filter(claim=y).exists()
    return {
        **ids,
        "admin_objects": {
            m._meta.label: m._default_manager.order_by("pk").first() for m in admin.site._registry
        },
        "admin_names": {name for _, name in walk()},
    }
