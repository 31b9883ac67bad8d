"""Token authentication for the API: knox's hashed, expiring tokens behind ``Token <key>``."""

from __future__ import annotations

from hmac import compare_digest
from typing import Any

from django.utils import timezone
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS
from rest_framework.exceptions import AuthenticationFailed


class TokenAuthentication(KnoxTokenAuthentication):
    """knox's scheme, with two differences in looking a key up.

    An undecodable key is refused as invalid (knox lets it become a 500), and only the
    presented token is checked for expiry: knox also sweeps all the user's other tokens,
    one more query on every request (``api_token_create`` sweeps them instead).
    """

    def authenticate_credentials(self, token: bytes) -> tuple[Any, AuthToken]:
        try:
            key = token.decode("utf-8")
        except UnicodeDecodeError:
            raise AuthenticationFailed("Invalid token.") from None
        digest = hash_token(key)
        now = timezone.now()
        candidates = AuthToken.objects.filter(token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in candidates.select_related("user"):
            if auth_token.expiry is not None and auth_token.expiry < now:
                auth_token.delete()
                continue
            if compare_digest(digest, auth_token.digest):
                return self.validate_user(auth_token)  # type: ignore[no-any-return]
        raise AuthenticationFailed("Invalid token.")
