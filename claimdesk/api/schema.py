"""The API's error shape in the OpenAPI schema: every operation documents its 4xx answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from claimdesk.api.filters import WholeNumberFilter
from claimdesk.api.ids import ID_DESCRIPTION, ID_SCHEMA, MAX_ID


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong, fit to show a person.")
    code = serializers.CharField(help_text="A stable machine-readable code.")
    # Shadows Serializer.errors on purpose: this serializer only describes a response.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(),
        required=False,
        help_text="Field (or header) name to the list of its problems; nested for nested input.",
    )


ERROR_DESCRIPTIONS = {
    "400": "Invalid input (body, query parameter, filter, cursor or If-Match header); "
    "`detail` says what is wrong and `errors` where. A query parameter given empty is "
    "invalid: leave it out instead.",
    "401": "Not logged in (token or session).",
    "403": "The user's role does not allow this.",
    "404": "No such object, or not one the user may see (or a path id that is not a "
    "whole number from 1 to 9223372036854775807).",
    "406": "The Accept header asks for a type this endpoint cannot produce.",
    "409": "Conflicts with the current state (for example an existing review).",
    "412": "If-Match does not name the current ETag: someone changed the object since it "
    "was read. Nothing was saved.",
    "413": "The request body is larger than this endpoint accepts.",
    "415": "The request body is not JSON.",
    "428": "The change needs an If-Match header carrying the object's ETag (`*` does not "
    "protect against lost updates and is refused too).",
    "429": "Too many failed log-ins: locked for a while; the Retry-After header says how "
    "many seconds.",
}


def filter_schema(field: Any) -> dict[str, Any] | None:
    """The bounds of a whole-number filter (an id, a paragraph), as the filter checks them."""
    if not isinstance(field, WholeNumberFilter):
        return None
    return {"type": "integer", "minimum": field.extra["min_value"], "maximum": MAX_ID}


class ErrorResponsesSchema(AutoSchema):
    """Adds the error responses an operation can give, unless the view states them, and
    documents parameters as the views check them: path ids, whole numbers, no empties."""

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super()._get_parameters()
        filters = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        for parameter in parameters:
            if parameter["in"] == "path":
                parameter["schema"] = dict(ID_SCHEMA)
                parameter["description"] = ID_DESCRIPTION
            elif parameter["in"] == "query":
                bounds = filter_schema(filters.get(parameter["name"]))
                if bounds:
                    parameter["schema"] = bounds
                elif (
                    parameter["schema"].get("type") == "string"
                    and "enum" not in parameter["schema"]
                ):
                    # Filters (StrictFilterSet) and the cursor answer 400 to an empty value,
                    # and Django's forms to a NUL character.
                    parameter["schema"].setdefault("minLength", 1)
                    parameter["schema"].setdefault("pattern", "^[^\\u0000]*$")
        return parameters

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


def defaults_outside_one_of(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A postprocessing hook: drf-spectacular puts a blank field's default ("") inside
    the ``format: uri`` branch of its ``oneOf``, where it is no URI; it goes on the
    property instead, which is where OpenAPI reads it."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for branch in node.get("oneOf", []):
                if isinstance(branch, dict) and "default" in branch:
                    node.setdefault("default", branch.pop("default"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
