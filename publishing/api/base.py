"""What every desk endpoint shares: permissions, parsers, the desk's errors as HTTP."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_framework import status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.schemas.inspectors import ViewInspector
from rest_framework.serializers import Serializer

from annotate import roles
from annotate.errors import DeskError, DeskForbidden, StaleVersion
from claims.api.ids import PathIdsMixin
from claims.api.parsers import LimitedJSONParser
from publishing.api.schema import DeskAutoSchema


class CanViewClaims(BasePermission):
    """Logged in with ``claims.view_claim``; what else a role may do, the services decide."""

    message = "Your role cannot see the desk's claims."

    def has_permission(self, request: Request, view: Any) -> bool:
        return roles.can_view_claims(request.user)


class DeskAPIMixin(PathIdsMixin):
    """Desk errors become the API's error shape: 400, 403, or 412 for a stale version;
    path ids are checked as ids (404 otherwise)."""

    parser_classes: Sequence[type[BaseParser]] = [LimitedJSONParser]
    schema: ViewInspector | None = DeskAutoSchema()

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaleVersion):
            return Response(
                {
                    "detail": exc.message,
                    "code": "precondition_failed",
                    "errors": {"If-Match": [exc.message]},
                },
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
        if isinstance(exc, DeskForbidden):
            return Response(
                {"detail": exc.message, "code": exc.code}, status=status.HTTP_403_FORBIDDEN
            )
        if isinstance(exc, DeskError):
            field = exc.field or "non_field_errors"
            return Response(
                {"detail": exc.message, "code": exc.code, "errors": {field: [exc.message]}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)  # type: ignore[misc,no-any-return]


def validated(
    serializer_class: type[Serializer], request: Request, *, partial: bool = False
) -> dict[str, Any]:
    """The request body checked by ``serializer_class`` (an absent body is an empty object)."""
    body: object = request.data  # None or "" too, whatever the stubs say
    data = body if body not in (None, "") else {}
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
