from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from claims.models import Article, ArticleStatus, Sentence


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, compared in UTC.

    PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows (+16:00): converting
    first answers every valid date-time instead of failing in the database.
    """

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        name = next(
            (n for n, f in getattr(self.parent, "filters", {}).items() if f is self),
            self.field_name,
        )
        return super().filter(qs, utc(value, name) if value is not None else None)


def utc(value: dt.datetime, name: str) -> dt.datetime:
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValidationError({name: ["Out of range once converted to UTC."]}) from None


class ArticleFilter(django_filters.FilterSet):
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


class SentenceFilter(django_filters.FilterSet):
    checkworthy = django_filters.BooleanFilter()
    paragraph = django_filters.NumberFilter()
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")

    class Meta:
        model = Sentence
        fields = ["checkworthy", "paragraph"]
