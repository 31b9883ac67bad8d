"""The dashboard's desk: articles with claims in every state, built through the services.

Plain helpers; the ``desk`` fixture (two such articles) is in conftest.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotate import services
from annotate.models import Verdict
from claims.models import Article, Claim
from tests.factories import ArticleFactory, article_text, assign, decide, fresh, submit


def verdict(name: str) -> Verdict:
    return Verdict.objects.get(name=name)


@dataclass
class Desk:
    articles: list[Article]
    claims: list[Claim]


def build_desk(
    n_articles: int,
    editor: Any,
    ann: Any,
    ann2: Any,
    *,
    publisher: str = "Daily Planet",
    offset: int = 0,
) -> Desk:
    """``n_articles`` articles of six sentences; on each: one claim agreed by two reviewers,
    one disagreed (then decided), one reviewed by one reviewer, one dismissed."""
    articles, claims = [], []
    for i in range(n_articles):
        article = ArticleFactory(
            body=article_text(offset + i, sentences=6),
            publisher=publisher,
            title=f"{publisher} {offset + i}",
        )
        detected = list(article.claims.order_by("start"))
        assert len(detected) >= 4, "the detector should flag the factory's sentences"
        agreed, disputed, single, dropped = detected[:4]
        assign(agreed, editor, ann, ann2)
        submit(agreed, ann, verdict("False"))
        submit(agreed, ann2, verdict("False"))
        assign(disputed, editor, ann, ann2)
        submit(disputed, ann, verdict("Mostly false"))
        submit(disputed, ann2, verdict("True"))
        decide(disputed, editor, verdict("Mostly false"))
        assign(single, editor, ann)
        submit(single, ann, verdict("Half true"))
        dropped = fresh(dropped)
        services.claim_dismiss(claim=dropped, reason="Opinion", by=editor, version=dropped.version)
        articles.append(article)
        claims += [agreed, disputed, single, dropped]
    return Desk(articles, claims)
