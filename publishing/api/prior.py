"""/api/prior-fact-checks/: prior fact-checks, searchable, and their import from ClaimReview."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from annotate import roles
from annotate.api.base import CanViewClaims, DeskAPIMixin
from claimdesk.api.filters import StrictFilterSet
from claimdesk.api.pagination import CreatedCursorPagination
from claimdesk.api.parsers import LimitedJSONParser, decode_utf8, read_limited
from claimdesk.types import signed_in
from publishing import services
from publishing.models import PriorFactCheck

IMPORT_LIMIT = 20 * 1024 * 1024


class _ImportJSONParser(LimitedJSONParser):
    """The body as text: the import service reads (and locates errors in) it itself."""

    def limit(self) -> int:
        return IMPORT_LIMIT

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        return decode_utf8(read_limited(stream, parser_context, self.limit()))


class _JSONLinesParser(_ImportJSONParser):
    media_type = "application/jsonl"


class _NDJSONParser(_ImportJSONParser):
    media_type = "application/x-ndjson"


class PriorFactCheckSerializer(serializers.ModelSerializer):
    # Blank when the document named none: documented as "" or a URI, as it is answered.
    appearance_url = serializers.URLField(
        read_only=True, allow_blank=True, help_text="Where the claim appeared; empty if unknown."
    )

    class Meta:
        model = PriorFactCheck
        fields = [
            "id",
            "url",
            "claim_reviewed",
            "claimant",
            "rating_name",
            "rating_value",
            "best_rating",
            "worst_rating",
            "author",
            "date_published",
            "appearance_url",
            "language",
            "imported_at",
        ]
        read_only_fields = fields


class SkippedSerializer(serializers.Serializer):
    where = serializers.CharField(help_text="Which document: [index], line N or document.")
    reason = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    skipped = SkippedSerializer(many=True)


class PriorFactCheckFilter(StrictFilterSet):
    q = django_filters.CharFilter(
        method="filter_text", label="Text in the claim, the claimant or the rating"
    )
    author = django_filters.CharFilter(lookup_expr="icontains")
    published_after = django_filters.DateFilter(field_name="date_published", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="date_published", lookup_expr="lt")

    class Meta:
        model = PriorFactCheck
        fields: list[str] = []

    def filter_text(
        self, queryset: QuerySet[PriorFactCheck], name: str, value: str
    ) -> QuerySet[PriorFactCheck]:
        return queryset.filter(
            Q(claim_reviewed__icontains=value)
            | Q(claimant__icontains=value)
            | Q(rating_name__icontains=value)
        )


class _ImportedAt(CreatedCursorPagination):
    ordering = ("-imported_at", "-id")


class PriorFactCheckViewSet(
    DeskAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Fact-checks published before or elsewhere, to find a claim already checked."""

    permission_classes = [CanViewClaims]
    serializer_class = PriorFactCheckSerializer
    pagination_class = _ImportedAt
    filterset_class = PriorFactCheckFilter
    lookup_value_regex = "[^/]+"
    queryset = PriorFactCheck.objects.all()

    @extend_schema(
        summary="Import ClaimReview JSON-LD (an object, an array, or JSON Lines)",
        description="Strict by default: any invalid document answers 400 listing each "
        "problem and where, and nothing is written. With skip_invalid=true the "
        "valid documents are imported and the others reported as skipped. "
        "Fact-checks whose URL is already known are skipped, never overwritten.",
        parameters=[OpenApiParameter("skip_invalid", OpenApiTypes.BOOL, OpenApiParameter.QUERY)],
        request={
            "application/json": {"oneOf": [{"type": "object"}, {"type": "array", "items": {}}]},
            "application/jsonl": OpenApiTypes.STR,
            "application/x-ndjson": OpenApiTypes.STR,
        },
        responses={
            201: ImportReportSerializer,
            400: OpenApiResponse(
                description="Invalid documents; `errors` maps each place to its problems."
            ),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[_ImportJSONParser, _JSONLinesParser, _NDJSONParser],
    )
    def import_documents(self, request: Request) -> Response:
        if not roles.can_publish(request.user):
            raise PermissionDenied("Only editors can import prior fact-checks.")
        lenient = request.query_params.get("skip_invalid", "false").lower()
        if lenient not in ("true", "false", "1", "0"):
            raise ValidationError({"skip_invalid": ["Use true or false."]})
        body: object = request.data  # a str: the parsers above hand the text on
        text = body if isinstance(body, str) else ""
        report = services.prior_fact_checks_import(
            text=text, by=signed_in(request.user), strict=lenient in ("false", "0")
        )
        return Response(
            ImportReportSerializer(report.as_dict()).data, status=status.HTTP_201_CREATED
        )
