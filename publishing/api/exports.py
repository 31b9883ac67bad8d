"""/api/export/{format}/: the exports, streamed, filtered like the claim list.

What each role may export (the rule is ``publishing.selectors.export_audience``):

* anonymous: nothing (401), as everywhere in the API;
* signed in without a role: published fact-checks, with what the public page shows
  (verdict, editor's note, corrections, sources) and no individual review, so no
  reviewer's name, verdict, confidence or rationale;
* annotators: published claims, with the reviews the desk lets them read (blind review
  holds: on a claim they have not submitted their review of, no reviews, no decision);
* editors and staff: every claim and every submitted review, and the training data.

Every export answers a signed-in user and is sent ``Cache-Control: private`` (no shared
cache keeps it), with ``Vary: Authorization, Cookie``; one that carries more than the
public fact-checks is also ``no-store``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django.http import StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from annotate.api.base import DeskAPIMixin
from annotate.api.filters import ClaimFilter
from claimdesk.api.filters import IdFilter, StrictFilterSet, UtcDateTimeFilter
from claimdesk.api.schema import filter_schema
from claims.models import Sentence
from publishing import selectors
from publishing.exports import FORMATS, stream
from publishing.exports.rows import EVERYTHING, Audience


class SentenceExportFilter(StrictFilterSet):
    article = IdFilter(field_name="article_id")
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")
    created_after = UtcDateTimeFilter(field_name="article__created_at", lookup_expr="gte")
    created_before = UtcDateTimeFilter(field_name="article__created_at", lookup_expr="lt")

    class Meta:
        model = Sentence
        fields: list[str] = []


class _AnyAccept(BaseContentNegotiation):
    """An export has one type; a client asking for text/csv must not get 406 from DRF."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> Any:
        parsers = list(parsers)
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        renderers = list(renderers)
        return renderers[0], renderers[0].media_type


def filtered(filter_class: type, data: Any, queryset: Any, request: Request) -> Any:
    filterset = filter_class(data=data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(dict(filterset.errors))
    return filterset.qs


def given_filters(filter_class: type, data: Any) -> dict[str, str]:
    """The filter parameters of the request (the last value of a repeated one, as the
    filters read it): they name the export, as in a Web Annotation collection's id."""
    names = filter_class.base_filters  # type: ignore[attr-defined]
    return {name: data[name] for name in names if name in data}


_NOT_KEPT = {"private": True, "no_store": True}


def export_response(
    fmt: str,
    queryset: Any,
    *,
    site: str,
    filters: dict[str, str] | None = None,
    audience: Audience = EVERYTHING,
) -> StreamingHttpResponse:
    # Run the filtered query once before the 200 goes out: a database error in it then
    # becomes an error response, not a stream cut short.
    queryset.exists()
    spec = FORMATS[fmt]
    response = StreamingHttpResponse(
        stream(fmt, queryset, site=site, filters=filters, audience=audience),
        content_type=spec.content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="claimdesk-{fmt}.{spec.extension}"'
    # What an export holds depends on who asked: no shared cache may keep it, and a
    # browser must not hand one user's copy to the next who signs in.
    public_only = not audience.reviews and audience.reader is not None
    patch_cache_control(response, **({"private": True} if public_only else _NOT_KEPT))
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


class ExportView(DeskAPIMixin, APIView):
    """Base of the export endpoints: ``fmt`` is set per URL."""

    permission_classes = [IsAuthenticated]
    content_negotiation_class = _AnyAccept
    fmt = "csv"

    def get(self, request: Request) -> StreamingHttpResponse:
        spec = FORMATS[self.fmt]
        audience = selectors.export_audience(user=request.user)
        if spec.rows == "sentences":
            if not selectors.exports_everything(request.user):
                raise PermissionDenied(
                    "Training data carries unpublished decisions of the "
                    "desk; only editors and staff may export it."
                )
            queryset = filtered(
                SentenceExportFilter,
                request.query_params,
                selectors.exportable_sentences(user=request.user),
                request,
            )
        else:
            queryset = filtered(
                ClaimFilter,
                request.query_params,
                selectors.exportable_claims(user=request.user, fmt=self.fmt),
                request,
            )
        filters = given_filters(
            SentenceExportFilter if spec.rows == "sentences" else ClaimFilter, request.query_params
        )
        return export_response(
            self.fmt,
            queryset,
            site=request.build_absolute_uri("/"),
            filters=filters,
            audience=audience,
        )


def filter_parameters(filter_class: type) -> list[OpenApiParameter]:
    """Query parameters of a FilterSet, for views that filter without a generic view."""
    types = {
        django_filters.NumberFilter: OpenApiTypes.NUMBER,
        UtcDateTimeFilter: OpenApiTypes.DATETIME,
    }
    parameters = []
    for name, field in filter_class.base_filters.items():  # type: ignore[attr-defined]
        choices = field.extra.get("choices")
        parameters.append(
            OpenApiParameter(
                name,
                filter_schema(field) or types.get(type(field), OpenApiTypes.STR),
                OpenApiParameter.QUERY,
                description=str(field.label or ""),
                enum=[value for value, _ in choices] if choices else None,
            )
        )
    return parameters


_BODIES: dict[str, Any] = {
    "claimreview": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    "webannotation": {
        "type": "object",
        "description": "A W3C AnnotationCollection. With any annotation, `first` is the one "
        "AnnotationPage and holds them all, in claim id order.",
        "required": ["@context", "id", "type", "label", "total"],
        "properties": {
            "@context": {"type": "string", "enum": ["http://www.w3.org/ns/anno.jsonld"]},
            "id": {"type": "string", "format": "uri"},
            "type": {"type": "string", "enum": ["AnnotationCollection"]},
            "label": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "first": {
                "type": "object",
                "required": ["id", "type", "partOf", "startIndex", "items"],
                "properties": {
                    "id": {"type": "string", "format": "uri"},
                    "type": {"type": "string", "enum": ["AnnotationPage"]},
                    "partOf": {"type": "string", "format": "uri"},
                    "startIndex": {"type": "integer", "enum": [0]},
                    "items": {"type": "array", "items": {"type": "object"}},
                },
            },
            "last": {"type": "string", "format": "uri"},
        },
    },
}


def export_view(fmt: str) -> Any:
    """A view class per format, so that each has its own documented response type."""
    spec = FORMATS[fmt]
    filters = SentenceExportFilter if spec.rows == "sentences" else ClaimFilter
    schema = extend_schema(
        summary=f"Export: {fmt}",
        description=spec.description,
        parameters=filter_parameters(filters),
        responses={
            (200, spec.content_type.split(";")[0]): OpenApiResponse(
                _BODIES.get(fmt, OpenApiTypes.STR), description=spec.description
            )
        },
    )

    def get(self: ExportView, request: Request) -> StreamingHttpResponse:
        return ExportView.get(self, request)

    # A function of its own per format: extend_schema annotates the function it is given.
    view: Any = type(
        f"{fmt.capitalize()}ExportView",
        (ExportView,),
        {
            "fmt": fmt,
            "get": schema(get),
            "__doc__": spec.description,
        },
    )
    return view.as_view()
