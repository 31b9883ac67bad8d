"""API tokens: created with an expiry, stored as a digest, revoked one by one or all at once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from claimdesk.types import User


def api_token_create(*, user: User, expires_in: timedelta | None = None) -> tuple[AuthToken, str]:
    """A new token for ``user`` and its key.

    The key is returned here once: only its SHA-512 digest (and its first characters, to
    find it) is stored.  It expires after ``expires_in``, by default the configured
    lifetime (``CLAIMDESK_API_TOKEN_TTL_HOURS``).
    """
    lifetime = knox_settings.TOKEN_TTL if expires_in is None else expires_in
    if lifetime <= timedelta(0):
        raise ValueError(f"A token's lifetime must be positive, not {lifetime}.")
    # Expired tokens are deleted when presented; those never presented again go here.
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    token, key = AuthToken.objects.create(user=user, expiry=lifetime)
    return token, key


def api_token_revoke(*, token: AuthToken) -> None:
    """Revoke one token: the next request that sends it gets 401."""
    token.delete()


def api_token_revoke_all(*, user: User) -> int:
    """Revoke every token of ``user``; how many there were."""
    deleted: int
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted
