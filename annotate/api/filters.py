"""Filters shared by the claim list and the exports (so an export is filtered like the list).

``IdFilter`` and ``StrictFilterSet`` come from ``claimdesk.api.filters``, where every list of
the API takes them from."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from annotate.models import Assignment, Decision, Review, ReviewStatus, Source, Stance
from annotate.selectors import blind_condition
from claimdesk.api.filters import IdFilter, StrictFilterSet, UtcDateTimeFilter, utc
from claims.models import Claim, ClaimOrigin, ClaimStatus


class ClaimFilter(StrictFilterSet):
    article = IdFilter(field_name="article_id")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    origin = django_filters.ChoiceFilter(choices=ClaimOrigin.choices)
    assignee = IdFilter(field_name="assignee_id", label="Lead reviewer (user id)")
    reviewer = IdFilter(method="filter_reviewer", label="Assigned reviewer (user id)")
    verdict = IdFilter(method="filter_verdict", label="Final verdict (verdict id)")
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")
    created_after = UtcDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcDateTimeFilter(field_name="created_at", lookup_expr="lt")
    published_after = UtcDateTimeFilter(
        method="filter_published_after", label="First published at or after"
    )
    published_before = UtcDateTimeFilter(
        method="filter_published_before", label="First published before"
    )
    q = django_filters.CharFilter(method="filter_text", label="Text in the quote or claimant")

    class Meta:
        model = Claim
        fields: list[str] = []

    # Exists() rather than joins: a claim with three reviewers is still one row.
    def filter_reviewer(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        return queryset.filter(
            Exists(Assignment.objects.filter(claim_id=OuterRef("pk"), reviewer_id=value))
        )

    def filter_verdict(self, queryset: QuerySet[Claim], name: str, value: int) -> QuerySet[Claim]:
        """Claims whose final verdict is ``value``, among those whose verdict the user may know.

        A claim on which the user is blind matches no verdict at all: were it to match its
        own, guessing ids one by one would tell the verdict the claim's body hides.
        """
        queryset = queryset.filter(
            Exists(Decision.objects.current().filter(claim_id=OuterRef("pk"), verdict_id=value))
        )
        blind = blind_condition(getattr(self.request, "user", None))
        return queryset if blind is None else queryset.exclude(blind)

    def _published(self, queryset: QuerySet[Claim], lookup: Q) -> QuerySet[Claim]:
        return queryset.filter(
            Exists(Decision.objects.current().filter(lookup, claim_id=OuterRef("pk")))
        )

    def filter_published_after(
        self, queryset: QuerySet[Claim], name: str, value: dt.datetime
    ) -> QuerySet[Claim]:
        return self._published(queryset, Q(published_at__gte=utc(value, name)))

    def filter_published_before(
        self, queryset: QuerySet[Claim], name: str, value: dt.datetime
    ) -> QuerySet[Claim]:
        return self._published(queryset, Q(published_at__lt=utc(value, name)))

    def filter_text(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(Q(quote__icontains=value) | Q(claimant__icontains=value))


class ReviewFilter(StrictFilterSet):
    claim = IdFilter(field_name="claim_id")
    reviewer = IdFilter(field_name="reviewer_id")
    verdict = IdFilter(field_name="verdict_id")
    status = django_filters.ChoiceFilter(choices=ReviewStatus.choices)

    class Meta:
        model = Review
        fields: list[str] = []


class SourceFilter(StrictFilterSet):
    claim = IdFilter(field_name="review__claim_id")
    review = IdFilter(field_name="review_id")
    stance = django_filters.ChoiceFilter(choices=Stance.choices)

    class Meta:
        model = Source
        fields: list[str] = []
