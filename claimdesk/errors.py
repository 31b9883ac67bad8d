"""The one error hierarchy of the services: what is wrong, fit to show a person.

A service raises a :class:`DomainError` (or one of the apps' subclasses: the desk's
``annotate.errors``, ingestion's ``claims.extraction.ArticleRejected``, the ClaimReview
import's errors, the webhooks' ``WebhookRefused``; :class:`Forbidden` for a refusal of
the user's role) before it writes anything.  Each carries its HTTP ``status``, a stable
machine-readable ``code`` and the ``field`` it is about (``None``: the input as a whole).
It becomes an answer in two places only: the API's exception handler
(:func:`claimdesk.api.errors.exception_handler`) and, for pages,
:func:`claimdesk.pages.page_error`.  An error whose API answer says more than
``detail``, ``code`` and ``errors`` (the existing object's id and address, every problem
of an import, a ``Location`` header) overrides the ``api_*`` hooks below; no view builds
such an answer by hand.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class DomainError(Exception):
    """Bad input, or an action the object's state or the user's role does not allow."""

    status: int = 400
    # The API's answer where it differs from a page's: a version sent in If-Match that is
    # no longer current is a failed precondition there (412), a conflict on a page (409);
    # an article over the size limit is a request too large there (413), bad input on a page.
    api_status: int | None = None
    api_code: str | None = None
    api_field: str | None = None

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def api_detail(self) -> str:
        """The API's ``detail``: the message."""
        return self.message

    def api_errors(self) -> dict[str, list[str]] | None:
        """The API's ``errors`` (field: messages), ``None`` for none.

        The message under the field it is about; none for a refusal of the user's role.
        """
        if (self.api_status or self.status) == 403:
            return None
        return {self.api_field or self.field or "non_field_errors": [self.message]}

    def api_extra(self, request: HttpRequest) -> dict[str, Any]:
        """Fields the API's answer carries after ``detail``, ``code`` and ``errors``."""
        return {}

    def api_headers(self, request: HttpRequest) -> dict[str, str]:
        """Headers of the API's answer (a ``Location``, say)."""
        return {}


class Forbidden(DomainError):
    """The user's role does not allow the action (HTTP 403)."""

    status = 403

    def __init__(self, message: str, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)
