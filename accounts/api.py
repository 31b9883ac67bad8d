"""/api/auth/: exchange a user name and password for an API token, and revoke tokens.

The log-in goes through ``django.contrib.auth.authenticate`` with the request, so axes
counts its failures and refuses a locked-out client exactly as on the HTML log-in page.
"""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed, Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.lockout import LOCKED_OUT, cooloff_seconds, lockout_message
from claimdesk.types import signed_in


class LoginRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text='The key, shown this once: send it as "Authorization: Token <key>".'
    )
    expiry = serializers.DateTimeField(help_text="When the token stops working.")


class LoginView(APIView):
    """A new API token for a user name and password (limited like the log-in page)."""

    permission_classes = [AllowAny]
    # Documents the 429 of a locked-out client (claimdesk.api.schema.ErrorResponsesSchema).
    takes_password = True

    @extend_schema(
        operation_id="auth_login", request=LoginRequestSerializer, responses={200: TokenSerializer}
    )
    def post(self, request: Request) -> Response:
        serializer = LoginRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The Django request, so that axes keeps its marks where its middleware looks.
        django_request = request._request
        user = authenticate(django_request, **serializer.validated_data)
        if getattr(django_request, "axes_locked_out", False):
            raise Throttled(wait=cooloff_seconds(), detail=lockout_message(), code=LOCKED_OUT)
        if user is None:
            raise AuthenticationFailed("Unable to log in with this user name and password.")
        token, key = services.api_token_create(user=user)
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        return Response(TokenSerializer({"token": key, "expiry": token.expiry}).data)


class LogoutView(APIView):
    """Revoke the token this request is authenticated with."""

    @extend_schema(operation_id="auth_logout", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        if not isinstance(request.auth, AuthToken):
            raise ValidationError(
                {"Authorization": ["Send the token to revoke as 'Authorization: Token <key>'."]}
            )
        services.api_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every token of the user (with a token or a browser session)."""

    @extend_schema(operation_id="auth_logoutall", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        services.api_token_revoke_all(user=signed_in(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)
