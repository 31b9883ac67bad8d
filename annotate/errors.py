"""Errors raised by the desk's services, each with a message fit to show a person.

They are :class:`claimdesk.errors.DomainError`s: the API and the pages turn them into
answers in one place each.  Nothing is written when one of them is raised.
"""

from __future__ import annotations

from claimdesk.errors import DomainError


class DeskError(DomainError):
    """Bad input or an action the claim's state does not allow (HTTP 400)."""


class DeskForbidden(DeskError):
    """The user's role does not allow the action (HTTP 403)."""

    status = 403

    def __init__(self, message: str, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)


class StaleVersion(DeskError):
    """Someone saved the object after the caller read it.

    A page answers 409 (Conflict: the form's version is not the current one); the API
    answers 412 (Precondition Failed: the ETag sent in If-Match is not current), with the
    code ``precondition_failed`` and the problem under ``errors["If-Match"]``.
    ``changes`` lists (field, before, after) between the caller's version and the current one.
    """

    status = 409
    api_status = 412
    api_code = "precondition_failed"
    api_field = "If-Match"

    def __init__(
        self, message: str, *, current_version: int, changes: list[tuple[str, str, str]]
    ) -> None:
        super().__init__(message, code="stale")
        self.current_version = current_version
        self.changes = changes
