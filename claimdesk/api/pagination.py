from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request


class _CursorPagination(CursorPagination):
    """Cursor pagination: no COUNT(*) of the whole table on every page.

    A malformed cursor is the client's mistake, so it is answered 400 naming
    the parameter, not DRF's 404.
    """

    page_size_query_param = "page_size"

    def decode_cursor(self, request: Request) -> Cursor | None:
        if request.query_params.get(self.cursor_query_param) == "":
            raise ValidationError(
                {self.cursor_query_param: ["Empty: leave the parameter out for the first page."]}
            )
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the next/previous links as given."]}
            ) from None

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # DRF's example "next" ends in a stray '"', which no URI may hold.
        answer: dict[str, Any] = super().get_paginated_response_schema(schema)
        answer["properties"]["next"]["example"] = (
            f"https://claimdesk.example.org/api/claims/?{self.cursor_query_param}=cD00ODY%3D"
        )
        return answer

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                # As get_page_size checks it; past max_page_size a page is max_page_size long.
                parameter["schema"]["minimum"] = 1
        return parameters

    def get_page_size(self, request: Request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        # The length first: int() of a 5,000-digit string raises ValueError (a 500).
        if raw is not None and not (
            raw.isascii() and raw.isdigit() and len(raw) <= 18 and int(raw) > 0
        ):
            raise ValidationError({self.page_size_query_param: ["A positive whole number."]})
        return super().get_page_size(request)


class CreatedCursorPagination(_CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50
    max_page_size = 500


class IndexCursorPagination(_CursorPagination):
    ordering = ("index",)
    page_size = 200
    max_page_size = 1000


class StartCursorPagination(_CursorPagination):
    """Newest first, by id: for the desk's claim, review and source lists."""

    ordering = ("-id",)
    page_size = 100
    max_page_size = 1000
