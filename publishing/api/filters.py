"""Filters shared by the claim list and the exports (so an export is filtered like the list)."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from annotate.models import Assignment, Decision, Review, ReviewStatus, Source, Stance
from claims.models import Claim, ClaimOrigin, ClaimStatus


class ClaimFilter(django_filters.FilterSet):
    article = django_filters.NumberFilter(field_name="article_id")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    origin = django_filters.ChoiceFilter(choices=ClaimOrigin.choices)
    assignee = django_filters.NumberFilter(field_name="assignee_id",
                                           label="Lead reviewer (user id)")
    reviewer = django_filters.NumberFilter(method="filter_reviewer",
                                           label="Assigned reviewer (user id)")
    verdict = django_filters.NumberFilter(method="filter_verdict",
                                          label="Final verdict (verdict id)")
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    published_after = django_filters.IsoDateTimeFilter(method="filter_published_after",
                                                       label="First published at or after")
    published_before = django_filters.IsoDateTimeFilter(method="filter_published_before",
                                                        label="First published before")
    q = django_filters.CharFilter(method="filter_text", label="Text in the quote or claimant")

    class Meta:
        model = Claim
        fields: list[str] = []

    # Exists() rather than joins: a claim with three reviewers is still one row.
    def filter_reviewer(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        return queryset.filter(Exists(Assignment.objects.filter(claim_id=OuterRef("pk"),
                                                                reviewer_id=value)))

    def filter_verdict(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        return queryset.filter(Exists(Decision.objects.current().filter(
            claim_id=OuterRef("pk"), verdict_id=value)))

    def _published(self, queryset: QuerySet[Claim], lookup: Q) -> QuerySet[Claim]:
        return queryset.filter(Exists(Decision.objects.current().filter(lookup,
                                                                         claim_id=OuterRef("pk"))))

    def filter_published_after(self, queryset: QuerySet[Claim], name: str,
                               value: object) -> QuerySet[Claim]:
        return self._published(queryset, Q(published_at__gte=value))

    def filter_published_before(self, queryset: QuerySet[Claim], name: str,
                                value: object) -> QuerySet[Claim]:
        return self._published(queryset, Q(published_at__lt=value))

    def filter_text(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(Q(quote__icontains=value) | Q(claimant__icontains=value))


class ReviewFilter(django_filters.FilterSet):
    claim = django_filters.NumberFilter(field_name="claim_id")
    reviewer = django_filters.NumberFilter(field_name="reviewer_id")
    verdict = django_filters.NumberFilter(field_name="verdict_id")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Review
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    claim = django_filters.NumberFilter(field_name="review__claim_id")
    review = django_filters.NumberFilter(field_name="review_id")
    stance = django_filters.ChoiceFilter(choices=Stance.choices)

    class Meta:
        model = Source
        fields: list[str] = []
