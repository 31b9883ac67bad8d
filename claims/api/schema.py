"""The API's error shape in the OpenAPI schema: every operation documents its 4xx answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong, fit to show a person.")
    code = serializers.CharField(help_text="A stable machine-readable code.")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Field (or header) name to the list of its problems; nested for nested input.",
    )


ERROR_DESCRIPTIONS = {
    "400": "Invalid input (body, query parameter, filter or cursor); `detail` says what is "
    "wrong and `errors` where.",
    "401": "Not logged in (token or session).",
    "403": "The user's role does not allow this.",
    "404": "No such object, or not one the user may see.",
    "406": "The Accept header asks for a type this endpoint cannot produce.",
    "409": "Conflicts with the current state (for example an existing review).",
    "412": "If-Match does not name the current ETag: someone changed the object since it "
    "was read. Nothing was saved.",
    "413": "The request body is larger than this endpoint accepts.",
    "415": "The request body is not JSON.",
    "428": "The change needs an If-Match header carrying the object's ETag.",
    "429": "Too many failed log-ins: locked for a while; the Retry-After header says how "
    "many seconds.",
}


class ErrorResponsesSchema(AutoSchema):
    """Adds the error responses an operation can give, unless the view states them."""

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "406"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        if getattr(self.view, "takes_password", False):
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = dict(super()._get_response_bodies(direction))
        for code in self._error_codes():
            if code not in responses:
                body = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                body["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = body
        return responses
