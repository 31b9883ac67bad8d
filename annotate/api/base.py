"""What every desk endpoint shares: permissions, parsers, path ids, the schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_framework.parsers import BaseParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.schemas.inspectors import ViewInspector
from rest_framework.serializers import Serializer

from annotate import roles
from annotate.api.schema import DeskAutoSchema
from claimdesk.api.ids import PathIdsMixin
from claimdesk.api.parsers import LimitedJSONParser


class CanViewClaims(BasePermission):
    """Logged in with ``claims.view_claim``; what else a role may do, the services decide."""

    message = "Your role cannot see the desk's claims."

    def has_permission(self, request: Request, view: Any) -> bool:
        return roles.can_view_claims(request.user)


class DeskAPIMixin(PathIdsMixin):
    """JSON bodies within the size and depth limits, path ids checked as ids (404
    otherwise), and the desk's schema (If-Match, ETags); the desk's errors become answers
    in the project's exception handler (claimdesk.api.errors)."""

    parser_classes: Sequence[type[BaseParser]] = [LimitedJSONParser]
    schema: ViewInspector | None = DeskAutoSchema()


def validated(
    serializer_class: type[Serializer], request: Request, *, partial: bool = False
) -> dict[str, Any]:
    """The request body checked by ``serializer_class`` (an absent body is an empty object)."""
    body: object = request.data  # None or "" too, whatever the stubs say
    data = body if body not in (None, "") else {}
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
