"""Reads for pages and endpoints, scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from claimdesk.types import AnyUser
from claims.models import Article
from claims.roles import can_view_articles


def article_list(*, user: AnyUser) -> QuerySet[Article]:
    """Articles with their progress; none for a user without the right to see them."""
    if not can_view_articles(user):
        return Article.objects.none()
    return Article.objects.with_progress().select_related("created_by").defer("body")
