"""What a locked-out client is told: a 429 page, or the API's error shape under /api/."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKED_OUT = "locked_out"


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    minutes = max(1, cooloff_seconds() // 60)
    return (
        f"Too many failed log-ins: logging in is locked for {minutes} minutes. "
        "Try again after that, or ask an administrator to unlock the account."
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """Called by axes' middleware for a request it locked out (``AXES_LOCKOUT_CALLABLE``)."""
    if request.path.startswith("/api/"):
        if original_response is not None and original_response.status_code == 429:
            return original_response  # the API view already answered in the API's shape
        response: HttpResponse = JsonResponse(
            {"detail": lockout_message(), "code": LOCKED_OUT}, status=429
        )
    else:
        context = {"message": lockout_message(), "cooloff_minutes": cooloff_seconds() // 60}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(cooloff_seconds())
    return response
