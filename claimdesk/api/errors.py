"""One error shape for the whole API: ``{"detail": ..., "code": ..., "errors"?: {...}}``.

DRF already answers most bad input with a 4xx; this handler adds the cases it
leaves to Django (an oversized body) and the services' :class:`DomainError`s (the one
place they become API answers), and keeps field errors
under ``errors`` so that a client can always read ``detail`` first.  Paths under
``/api/`` that no view answers get the same shape from :func:`page_not_found`
and :func:`server_error` (the project's ``handler404`` and ``handler500``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.exceptions import (
    MethodNotAllowed,
    NotAuthenticated,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claimdesk.errors import DomainError


def _first_message(errors: Any) -> str:
    if isinstance(errors, dict):
        for key, value in errors.items():
            inner = _first_message(value)
            return inner if key == "non_field_errors" else f"{key}: {inner}"
    if isinstance(errors, list) and errors:
        return _first_message(errors[0])
    return str(errors)


def _unsupported_method(exc: Exception, context: dict[str, Any]) -> Exception:
    """405, not 401/403, for a method the path never accepts, whoever asks.

    DRF checks permissions before it looks for the method's handler, so a
    ``DELETE`` on a resource that cannot be deleted was refused as a role problem.
    """
    view, request = context.get("view"), context.get("request")
    if (
        isinstance(exc, NotAuthenticated | PermissionDenied)
        and view is not None
        and request is not None
        and request.method not in view.allowed_methods
    ):
        return MethodNotAllowed(request.method)
    return exc


def domain_error_response(exc: DomainError, request: HttpRequest) -> Response:
    """A service's refusal as the API answers it: its status, message and code, (unless it
    is a refusal of the user's role) the field it is about under ``errors``, then whatever
    the error adds (:meth:`DomainError.api_extra`, :meth:`DomainError.api_headers`)."""
    body: dict[str, Any] = {"detail": exc.api_detail(), "code": exc.api_code or exc.code}
    errors = exc.api_errors()
    if errors is not None:
        body["errors"] = errors
    body.update(exc.api_extra(request))
    return Response(body, status=exc.api_status or exc.status, headers=exc.api_headers(request))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _unsupported_method(exc, context)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": "The request body is larger than this server accepts.", "code": "too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, DomainError):
        # The hooks take Django's request, which DRF's wraps.
        return domain_error_response(exc, context["request"]._request)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = {
            "detail": _first_message(exc.detail),
            "code": "invalid",
            "errors": exc.detail,
        }
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's 404: the API's JSON shape under ``/api/``, the HTML page elsewhere."""
    if _is_api(request):
        return JsonResponse(
            {
                "detail": "No API endpoint at this path; /api/schema/ lists them.",
                "code": "not_found",
            },
            status=status.HTTP_404_NOT_FOUND,
        )
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """The project's 500: JSON under ``/api/``, so a client can always read ``detail``."""
    if _is_api(request):
        return JsonResponse(
            {"detail": "Server error; it has been logged.", "code": "server_error"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return defaults.server_error(request)
