"""Errors raised by the desk's services, each with a message fit to show a person.

Views map them to HTTP statuses (``status``); the API will do the same.
Nothing is written when one of them is raised.
"""

from __future__ import annotations


class DeskError(Exception):
    """Bad input or an action the claim's state does not allow (HTTP 400)."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class DeskForbidden(DeskError):
    """The user's role does not allow the action (HTTP 403)."""

    status = 403

    def __init__(self, message: str, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)


class StaleVersion(DeskError):
    """Someone saved the object after the caller read it (HTTP 409).

    ``changes`` lists (field, before, after) between the caller's version and the current one.
    """

    status = 409

    def __init__(
        self, message: str, *, current_version: int, changes: list[tuple[str, str, str]]
    ) -> None:
        super().__init__(message, code="stale")
        self.current_version = current_version
        self.changes = changes
