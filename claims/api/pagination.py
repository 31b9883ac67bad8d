from __future__ import annotations

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
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the next/previous links as given."]}
            ) from None

    def get_page_size(self, request: Request) -> int | None:
        raw = request.query_params.get(self.page_size_query_param)
        # The length first: int() of a 5,000-digit string raises ValueError (a 500).
        if raw is not None and not (raw.isdigit() and len(raw) <= 18 and int(raw) > 0):
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
