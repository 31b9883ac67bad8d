"""The types every app annotates people and requests with.

``AUTH_USER_MODEL`` is Django's own ``auth.User``. A service that writes on someone's
behalf takes a ``User`` (``by``, ``user``, ``reviewer``); a read or a permission check
that may be asked for a visitor takes an ``AnyUser``, which is what ``request.user`` is
before a log-in check.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

__all__ = ["AnyUser", "AuthenticatedHttpRequest", "User", "signed_in"]

AnyUser = User | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind ``login_required`` receives (django-stubs' own recipe)."""

    user: User


def signed_in(user: AnyUser) -> User:
    """``request.user`` behind a log-in check, as the account it is; a visitor gets a 403.

    For the API's views, whose permission classes have already turned visitors away.
    """
    if isinstance(user, User):
        return user
    raise PermissionDenied("Log in first.")
