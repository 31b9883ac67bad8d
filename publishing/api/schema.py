"""OpenAPI for the desk's resources: every error an operation can answer, in one shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from publishing.api.serializers import ErrorSerializer

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
}

IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
    description="The ETag from the last GET (or change) of this object, as given.")


class DeskAutoSchema(AutoSchema):
    """Adds the error responses each kind of operation can give, unless already stated."""

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "406"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        if self._needs_if_match():
            codes += ["412", "428"]
        return codes

    def _needs_if_match(self) -> bool:
        return any(isinstance(p, OpenApiParameter) and p.name == "If-Match"
                   for p in self.get_override_parameters())

    def _sends_etag(self) -> bool:
        return bool(getattr(self.view, "etag_responses", False)) and \
            getattr(self.view, "action", None) not in ("list", "destroy")

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = dict(super()._get_response_bodies(direction))
        if self._sends_etag():
            for code in ("200", "201"):
                if code in responses:
                    responses[code] = {**responses[code], "headers": {"ETag": {
                        "schema": {"type": "string"},
                        "description": "The object's current version; send it back in "
                                       "If-Match to change the object."}}}
        for code in self._error_codes():
            if code not in responses:
                body = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                body["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = body
        return responses
