"""Object ids in paths and filters: whole numbers the database can hold, one rule for all.

Every path parameter of the API is an object id (``{id}``, ``{article_pk}``,
``{claim_pk}``).  The schema says so (an integer from 1 to MAX_ID) and the views keep
to it: any other segment (``abc``, ``0``, ``1_000``, ``٣``, 2**63) answers the JSON 404
of an object that does not exist, never a 500 from an overflow, and never the object
that Python's ``int()`` would have found for ``1_000`` or ``٣``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BigIntegerField
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

MAX_ID = BigIntegerField.MAX_BIGINT  # every model's key is a BigAutoField

ID_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
ID_DESCRIPTION = f"An id: a whole number from 1 to {MAX_ID}; anything else answers 404."


def id_or_404(raw: object, what: str = "object") -> int:
    """A path id the database can look up, or a JSON 404 (not a 500 from an overflow)."""
    text = str(raw)
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
        raise NotFound(f"No {what} with the id {text[:40]!r}: ids are whole numbers.")
    return int(text)


class PathIdsMixin:
    """Checks every path parameter as an id once the user is known (so 401/403 first)."""

    kwargs: dict[str, Any]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        # The handler is called with this same dict, so it receives the ints.  "format"
        # is the suffix of the router's undocumented ".json" URLs, not an id.
        for name, value in self.kwargs.items():
            if name != "format":
                self.kwargs[name] = id_or_404(value)
