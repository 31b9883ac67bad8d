"""Filters of the articles API: the article list and an article's sentences."""

from __future__ import annotations

import django_filters

from claimdesk.api.filters import StrictFilterSet, UtcDateTimeFilter, WholeNumberFilter
from claims.models import Article, ArticleStatus, Sentence


class ArticleFilter(StrictFilterSet):
    status = django_filters.ChoiceFilter(choices=ArticleStatus.choices)
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    language = django_filters.CharFilter()
    created_after = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(
        field_name="title", lookup_expr="icontains", label="Text in the title"
    )

    class Meta:
        model = Article
        fields = ["status", "publisher", "language"]


class SentenceFilter(StrictFilterSet):
    checkworthy = django_filters.BooleanFilter()
    paragraph = WholeNumberFilter()
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")

    class Meta:
        model = Sentence
        fields = ["checkworthy", "paragraph"]
