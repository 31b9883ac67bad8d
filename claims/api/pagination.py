from rest_framework.pagination import CursorPagination


class CreatedCursorPagination(CursorPagination):
    """Cursor pagination: no COUNT(*) of the whole table on every page."""

    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class IndexCursorPagination(CursorPagination):
    ordering = ("index",)
    page_size = 200
    page_size_query_param = "page_size"
    max_page_size = 1000


class StartCursorPagination(CursorPagination):
    ordering = ("-id",)
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
