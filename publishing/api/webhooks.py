"""/api/webhooks/: editors register endpoints and read every delivery and attempt."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from annotate import roles
from annotate.api.base import DeskAPIMixin, validated
from claimdesk.api.pagination import CreatedCursorPagination
from claimdesk.api.serializers import StrictCharField, StrictSerializer
from claimdesk.types import signed_in
from publishing import services
from publishing.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent


class CanPublish(BasePermission):
    message = "Only editors can manage webhooks."

    def has_permission(self, request: Request, view: Any) -> bool:
        return roles.can_publish(request.user)


class WebhookCreateRequestSerializer(StrictSerializer):
    url = StrictCharField(max_length=2000, help_text="An https:// address on a public host.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        required=False,
        default=list,
        max_length=10,
        help_text="Empty or left out: every event.",
    )
    description = StrictCharField(max_length=200, required=False, allow_blank=True, default="")


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "events", "description", "is_active", "created_at"]
        read_only_fields = fields


class WebhookCreatedSerializer(WebhookSerializer):
    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = ["number", "at", "status_code", "error", "duration_ms"]
        read_only_fields = fields


class DeliverySerializer(serializers.ModelSerializer):
    attempt_log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "status",
            "attempts",
            "created_at",
            "delivered_at",
            "last_error",
            "payload",
            "attempt_log",
        ]
        read_only_fields = fields


class WebhookViewSet(
    DeskAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Endpoints that hear of publications, corrections and withdrawals."""

    permission_classes = [CanPublish]
    serializer_class = WebhookSerializer
    pagination_class = CreatedCursorPagination
    lookup_value_regex = "[^/]+"
    queryset = WebhookEndpoint.objects.all()

    @extend_schema(
        request=WebhookCreateRequestSerializer, responses={201: WebhookCreatedSerializer}
    )
    def create(self, request: Request) -> Response:
        data = validated(WebhookCreateRequestSerializer, request)
        endpoint = services.webhook_register(by=signed_in(request.user), **data)
        return Response(WebhookCreatedSerializer(endpoint).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: WebhookEndpoint) -> None:
        services.webhook_remove(endpoint=instance, by=signed_in(self.request.user))

    def get_queryset(self) -> QuerySet[WebhookEndpoint]:
        return WebhookEndpoint.objects.all()

    @extend_schema(
        summary="The endpoint's deliveries, newest first, each with its attempts",
        responses={200: DeliverySerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: int) -> Response:
        endpoint = self.get_object()
        deliveries = endpoint.deliveries.prefetch_related(
            Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
        )
        # Paged like every list (the schema's PaginatedDeliveryList): the paginator orders
        # by (-created_at, -id) and prefetches the attempts of one page only.
        page = self.paginate_queryset(deliveries)
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)
