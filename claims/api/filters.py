from __future__ import annotations

import django_filters

from claims.models import Article, ArticleStatus, Claim, ClaimOrigin, ClaimStatus, Sentence


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ArticleStatus.choices)
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    language = django_filters.CharFilter()
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains",
                                  label="Text in the title")

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


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    origin = django_filters.ChoiceFilter(choices=ClaimOrigin.choices)
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")

    class Meta:
        model = Claim
        fields = ["article", "status", "origin", "assignee"]
