"""Errors raised by the desk's services, each with a message fit to show a person.

They are :class:`claimdesk.errors.DomainError`s: the API and the pages turn them into
answers in one place each.  Nothing is written when one of them is raised.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from claimdesk.errors import DomainError, Forbidden


class DeskError(DomainError):
    """Bad input or an action the claim's state does not allow (HTTP 400)."""


class DeskForbidden(DeskError, Forbidden):
    """The user's role does not allow the action (HTTP 403)."""


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


class ReviewExists(DeskError):
    """The caller has a review of the claim already (HTTP 409); ``review_id`` is that review.

    The API answers with where it is (in ``detail`` and a ``Location`` header), so that the
    client changes it with PATCH instead of starting another.
    """

    status = 409

    def __init__(self, review_id: int) -> None:
        super().__init__("You have a review of this claim already.", code="exists")
        self.review_id = review_id

    def _api_path(self) -> str:
        return reverse("annotate-api:review-detail", args=[self.review_id])

    def api_detail(self) -> str:
        return f"You have a review of this claim already; change it with PATCH {self._api_path()}."

    def api_errors(self) -> None:
        return None

    def api_headers(self, request: HttpRequest) -> dict[str, str]:
        return {"Location": self._api_path()}
