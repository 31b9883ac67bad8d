"""The one error hierarchy of the services: what is wrong, fit to show a person.

A service raises a :class:`DomainError` (or one of the apps' subclasses: the desk's
``annotate.errors``, ingestion's ``claims.extraction.ArticleRejected``, the ClaimReview
import's errors) before it writes anything.  Each carries its HTTP ``status``, a stable
machine-readable ``code`` and the ``field`` it is about (``None``: the input as a whole).
It becomes an answer in two places only: the API's exception handler
(:func:`claimdesk.api.errors.exception_handler`) and, for pages,
:func:`claimdesk.pages.page_error`.
"""

from __future__ import annotations


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
