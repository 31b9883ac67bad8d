"""The bad-input corpus's world: one article, one claim under review with a draft and a
source, a webhook, and a snapshot of every row so a refusal can be shown to write nothing.

Plain helpers; the ``world`` fixture that builds it once per module is in conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.test import override_settings
from rest_framework.test import APIClient

from annotate import services as desk
from annotate.api.claims import claim_etag
from annotate.api.reviews import review_etag, source_etag
from annotate.models import Review, Source, Verdict
from claimdesk.celery import app as celery_app
from claims.models import Article, Claim
from publishing.models import WebhookEndpoint
from publishing.services import webhooks
from tests.factories import SAMPLE_ARTICLE, ArticleFactory, client_for, make_user, span_of

# Every app whose rows a request could write; history tables included.
APPS = ("claims", "annotate", "publishing", "knox")

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
]


def db_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model a request could write, in primary-key order."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


def assert_unchanged(before: dict[str, list[tuple[Any, ...]]]) -> None:
    after = db_state()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"rows changed in {changed}"


@dataclass
class World:
    article: Article
    claim: Claim
    review: Review
    source: Source
    webhook: WebhookEndpoint
    verdict: Verdict
    users: dict[str, Any]

    def client(self, role: str) -> APIClient:
        return client_for(self.users[role])

    def etag(self, kind: str) -> str:
        """The current ETag of the claim, review or source, as the API computes it."""
        if kind == "claim":
            return claim_etag(Claim.objects.get(pk=self.claim.pk))
        if kind == "review":
            return review_etag(Review.objects.get(pk=self.review.pk))
        return source_etag(Source.objects.get(pk=self.source.pk))

    def values(self) -> dict[str, Any]:
        """What a case may refer to as "{name}": ids, offsets and text of the world."""
        body = self.article.body
        gap = body.index("\n")
        return {
            "article": self.article.pk,
            "claim": self.claim.pk,
            "review": self.review.pk,
            "source": self.source.pk,
            "webhook": self.webhook.pk,
            "verdict": self.verdict.pk,
            "annotator": self.users["annotator"].pk,
            "annotator2": self.users["annotator2"].pk,
            "editor": self.users["editor"].pk,
            "claim_start": self.claim.start,
            "claim_end": self.claim.end,
            "gap_start": gap,
            "gap_end": gap + 1,
            "article_body": body,
        }

    def fill(self, text: str) -> str:
        """A path or header template with the world's ids and ETags filled in."""
        values = self.values()
        for kind in ("claim", "review", "source"):
            if "{" + kind + "_etag}" in text:
                values[f"{kind}_etag"] = self.etag(kind)
        return text.format(**values)


def build_world() -> World:
    article = ArticleFactory(body=SAMPLE_ARTICLE.read_text(encoding="utf-8"), title="Sample")
    annotator, annotator2 = make_user("bad-ann", "annotator"), make_user("bad-ann2", "annotator")
    editor = make_user("bad-ed", "editor")
    verdict = Verdict.objects.get(name="False")
    start, end = span_of(article)
    claim = desk.claim_mark(article=article, start=start, end=end, by=annotator)
    review = desk.review_save(
        claim=claim, by=annotator, version=None, verdict=verdict, rationale="Draft."
    )
    source = desk.source_add(claim=claim, by=annotator, url="https://example.org/report")
    claim.refresh_from_db()
    desk.claim_assign(claim=claim, reviewers=[annotator2], by=editor, version=claim.version)
    hook = webhooks.webhook_register(url="http://127.0.0.1:9/hook", events=[], by=editor)
    claim.refresh_from_db()
    review.refresh_from_db()
    return World(
        article=Article.objects.get(pk=article.pk),
        claim=claim,
        review=review,
        source=source,
        webhook=hook,
        verdict=verdict,
        users={"annotator": annotator, "annotator2": annotator2, "editor": editor},
    )


def built_once(django_db_blocker: Any, build: Callable[[], Any]) -> Iterator[Any]:
    """``build()`` run once for a module, inside a transaction rolled back at the end.

    Each test runs in a savepoint inside it (pytest-django's own atomic blocks), so
    a test that wrote anything would not leak it to the next; building the world
    for each of several hundred cases would cost minutes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        previous = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            with override_settings(CLAIMDESK_WEBHOOK_ALLOW_LOOPBACK=True):
                yield build()
        finally:
            celery_app.conf.task_always_eager = previous
            transaction.set_rollback(True)
