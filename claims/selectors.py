"""Reads for pages and endpoints, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from claimdesk.types import AnyUser
from claims.models import Article, Claim, Sentence
from claims.roles import can_view_articles


def article_list(*, user: AnyUser) -> QuerySet[Article]:
    """Articles with their progress; none for a user without the right to see them."""
    if not can_view_articles(user):
        return Article.objects.none()
    return Article.objects.with_progress().select_related("created_by").defer("body")


def article_detail(*, user: AnyUser, article_id: int) -> Article:
    """One article with its sentences and claims in reading order (three queries)."""
    if not can_view_articles(user):
        raise Article.DoesNotExist
    return (
        Article.objects.with_progress()
        .prefetch_related(
            Prefetch("sentences", queryset=Sentence.objects.order_by("index")),
            Prefetch(
                "claims",
                queryset=Claim.objects.select_related("assignee", "sentence").order_by(
                    "start", "id"
                ),
            ),
        )
        .get(pk=article_id)
    )
