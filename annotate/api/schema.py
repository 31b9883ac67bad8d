"""OpenAPI for the desk's resources: every error an operation can answer, in one shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from annotate.api.preconditions import IF_MATCH_PATTERN
from claimdesk.api.schema import ErrorResponsesSchema

IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": IF_MATCH_PATTERN},
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from the last GET (or change) of this object, exactly as given, "
    'double quotes included (`"claim-12-v4"`); several may be sent, comma-separated. '
    "Not an ETag: 400. No ETag of the object's current version: 412. Absent or `*`: 428.",
)

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="ETags already held (or `*`): when one is current the answer is 304 "
    "without a body.",
)


class DeskAutoSchema(ErrorResponsesSchema):
    """The shared error responses, plus If-Match's (412, 428) and the ETag header."""

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and getattr(serializer, "refuses_unknown_fields", False):
            schema["additionalProperties"] = False
        return schema

    def _error_codes(self) -> list[str]:
        codes = super()._error_codes()
        if self._needs_if_match():
            codes += ["412", "428"]
        return codes

    def _needs_if_match(self) -> bool:
        return any(
            isinstance(p, OpenApiParameter) and p.name == "If-Match"
            for p in self.get_override_parameters()
        )

    def _sends_etag(self) -> bool:
        return bool(getattr(self.view, "etag_responses", False)) and getattr(
            self.view, "action", None
        ) not in ("list", "destroy")

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self._sends_etag():
            for code in ("200", "201"):
                if code in responses:
                    responses[code] = {
                        **responses[code],
                        "headers": {
                            "ETag": {
                                "schema": {"type": "string"},
                                "description": "The object's current version; send it back in "
                                "If-Match to change the object.",
                            }
                        },
                    }
        return responses
