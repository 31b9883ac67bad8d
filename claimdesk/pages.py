"""How a page shows a service's refusal (the API's counterpart is claimdesk.api.errors)."""

from __future__ import annotations

from collections.abc import Collection

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest

from claimdesk.errors import DomainError


def page_error(
    request: HttpRequest,
    error: DomainError | None,
    *,
    form: BaseForm | None = None,
    beside: Collection[str] | None = None,
    flash: bool = False,
) -> int:
    """Say what went wrong where the person will see it; the status to answer with.

    With a ``form``, the message goes beside the field it is about when that field is one
    of ``beside`` (the form's fields by default), above the form otherwise.  With
    ``flash``, it becomes a message shown on the next page drawn (for an answer that
    redirects).  Otherwise the template shows the error itself.  200 without an error.
    """
    if error is None:
        return 200
    if form is not None:
        fields = form.fields if beside is None else beside
        form.add_error(error.field if error.field in fields else None, error.message)
    elif flash:
        messages.error(request, error.message)
    return error.status
