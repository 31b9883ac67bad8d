"""/api/reviews/, /api/claims/{id}/reviews/, /api/sources/, /api/verdicts/ and /api/me/."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotate import roles, selectors, services
from annotate.api import serializers as s
from annotate.api.base import CanViewClaims, DeskAPIMixin, validated
from annotate.api.filters import ReviewFilter, SourceFilter
from annotate.api.preconditions import (
    content_etag,
    expected_version,
    require_current,
    version_etag,
)
from annotate.api.schema import IF_MATCH
from annotate.models import Review, Source, Verdict
from claimdesk.api.pagination import StartCursorPagination
from claimdesk.api.permissions import ModelPermissions
from claimdesk.api.schema import ErrorSerializer
from claimdesk.types import signed_in
from claims.roles import role_names


def review_etag(review: Review) -> str:
    return version_etag("review", review.pk, review.version)


def source_etag(source: Source) -> str:
    return content_etag(
        "source",
        source.pk,
        source.url,
        source.title,
        source.publisher,
        source.excerpt,
        source.stance,
        source.accessed_at,
    )


class _ReviewAnswers(APIView):
    def _review_answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        review = selectors.visible_reviews(user=self.request.user).get(pk=pk)
        headers = {"ETag": review_etag(review)}
        if code == status.HTTP_201_CREATED:
            headers["Location"] = self.request.build_absolute_uri(
                reverse("annotate-api:review-detail", args=[pk])
            )
        return Response(s.ReviewSerializer(review).data, status=code, headers=headers)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "claim_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The claim's id."
        )
    ]
)
class ClaimReviewViewSet(DeskAPIMixin, _ReviewAnswers, viewsets.GenericViewSet):
    """A claim's reviews as the user may read them (blind review), and starting one's own."""

    etag_responses = True
    permission_classes = [CanViewClaims]
    serializer_class = s.ReviewSerializer
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets the JSON 404
    pagination_class = None

    def _claim(self) -> Any:
        return get_object_or_404(
            selectors.api_claims(user=self.request.user), pk=self.kwargs["claim_pk"]
        )

    def get_queryset(self) -> QuerySet[Review]:
        if getattr(self, "swagger_fake_view", False):
            return Review.objects.none()
        return selectors.visible_reviews(user=self.request.user).filter(claim=self._claim())

    def list(self, request: Request, claim_pk: int) -> Response:
        reviews = self.get_queryset().order_by("created_at", "id")
        return Response(s.ReviewSerializer(reviews, many=True).data)

    @extend_schema(
        summary="Start your review of the claim (a draft)",
        request=s.ReviewWriteRequestSerializer,
        responses={
            201: s.ReviewSerializer,
            409: OpenApiResponse(ErrorSerializer, description="You have a review already."),
        },
    )
    def create(self, request: Request, claim_pk: int) -> Response:
        claim = self._claim()
        data = validated(s.ReviewWriteRequestSerializer, request)
        review = services.review_start(
            claim=claim,
            by=signed_in(request.user),
            verdict=data.get("verdict"),
            rationale=data.get("rationale", ""),
            confidence=data.get("confidence", ""),
        )
        return self._review_answer(review.pk, status.HTTP_201_CREATED)


class ReviewViewSet(
    DeskAPIMixin,
    _ReviewAnswers,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Reviews: one's own (drafts included) and the submitted ones one may read."""

    etag_responses = True
    permission_classes = [CanViewClaims]
    serializer_class = s.ReviewSerializer
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets the JSON 404
    pagination_class = StartCursorPagination
    filterset_class = ReviewFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Review]:
        return selectors.visible_reviews(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._review_answer(self.get_object().pk)

    def _own(self) -> Review:
        review: Review = self.get_object()
        if review.reviewer_id != self.request.user.pk:
            raise PermissionDenied("Only its author can change a review.")
        return review

    def _write(self, service: Any) -> Response:
        review = self._own()
        data = validated(s.ReviewWriteRequestSerializer, self.request)
        version = expected_version(self.request, kind="review", pk=review.pk)
        service(
            claim=review.claim,
            by=signed_in(self.request.user),
            version=version,
            verdict=data.get("verdict", review.verdict_id),
            rationale=data.get("rationale", review.rationale),
            confidence=data.get("confidence", review.confidence),
        )
        return self._review_answer(review.pk)

    @extend_schema(
        summary="Save your review (fields left out keep their values)",
        request=s.ReviewWriteRequestSerializer,
        parameters=[IF_MATCH],
        responses={200: s.ReviewSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._write(services.review_save)

    @extend_schema(
        summary="Submit your review (verdict and rationale required)",
        request=s.ReviewWriteRequestSerializer,
        parameters=[IF_MATCH],
        responses={200: s.ReviewSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        return self._write(services.review_submit)


class SourceViewSet(
    DeskAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Sources of the reviews the user may read; one adds, edits and removes one's own."""

    etag_responses = True
    permission_classes = [CanViewClaims]
    serializer_class = s.SourceSerializer
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets the JSON 404
    pagination_class = StartCursorPagination
    filterset_class = SourceFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.visible_sources(user=self.request.user)

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        source = Source.objects.select_related("review").get(pk=pk)
        headers = {"ETag": source_etag(source)}
        if code == status.HTTP_201_CREATED:
            headers["Location"] = self.request.build_absolute_uri(
                reverse("annotate-api:source-detail", args=[pk])
            )
        return Response(s.SourceSerializer(source).data, status=code, headers=headers)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.get_object().pk)

    @extend_schema(
        summary="Add a source to your review of a claim",
        request=s.SourceCreateRequestSerializer,
        responses={201: s.SourceSerializer},
    )
    def create(self, request: Request) -> Response:
        data = validated(s.SourceCreateRequestSerializer, request)
        claim = selectors.api_claims(user=request.user).filter(pk=data.pop("claim")).first()
        if claim is None:
            raise ValidationError({"claim": ["Unknown claim."]})
        source = services.source_add(claim=claim, by=signed_in(request.user), **data)
        return self._answer(source.pk, status.HTTP_201_CREATED)

    def _locked_current(self) -> Source:
        """The source under a row lock, refused unless If-Match names its current state."""
        source = self.get_object()
        locked = Source.objects.select_for_update().get(pk=source.pk)
        require_current(self.request, kind="source", current=source_etag(locked))
        return locked

    @extend_schema(
        summary="Change a source of your review",
        request=s.SourceWriteRequestSerializer,
        parameters=[IF_MATCH],
        responses={200: s.SourceSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = validated(s.SourceWriteRequestSerializer, request, partial=True)
        with transaction.atomic():
            source = self._locked_current()
            fields = {
                name: getattr(source, name)
                for name in ("url", "title", "publisher", "excerpt", "stance", "accessed_at")
            }
            services.source_update(source=source, by=signed_in(request.user), **{**fields, **data})
        return self._answer(source.pk)

    @extend_schema(
        summary="Remove a source of your review", parameters=[IF_MATCH], responses={204: None}
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            services.source_remove(source=self._locked_current(), by=signed_in(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class VerdictViewSet(
    DeskAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The rating scale (edited in the admin), in order."""

    permission_classes = [ModelPermissions]
    serializer_class = s.VerdictSerializer
    lookup_value_regex = "[^/]+"  # any segment: a bad id gets the JSON 404
    pagination_class = None
    queryset = Verdict.objects.none()

    def get_queryset(self) -> QuerySet[Verdict]:
        return selectors.active_verdicts(user=self.request.user)


class MeView(DeskAPIMixin, APIView):
    """The current user: who they are and what the desk lets them do."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.MeSerializer})
    def get(self, request: Request) -> Response:
        user = request.user
        can = {
            "view_claims": roles.can_view_claims(user),
            "mark": roles.can_mark(user),
            "review": roles.can_review(user),
            "assign": roles.can_assign(user),
            "dismiss": roles.can_dismiss(user),
            "adjudicate": roles.can_adjudicate(user),
            "publish": roles.can_publish(user),
            "read_all_reviews": roles.can_read_all_reviews(user),
            "edit_scale": roles.can_edit_scale(user),
            "export_unpublished": roles.can_export_unpublished(user),
        }
        return Response(
            s.MeSerializer(
                {
                    "id": user.pk,
                    "username": user.get_username(),
                    "is_staff": user.is_staff,
                    "roles": role_names(user),
                    "can": can,
                }
            ).data
        )
