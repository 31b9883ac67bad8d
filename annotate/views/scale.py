"""The rating scale page (editors)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from annotate import forms, roles, services
from annotate.errors import DeskError
from annotate.models import Verdict
from annotate.views._common import desk_view, parsed
from claimdesk.pages import page_error
from claimdesk.types import AuthenticatedHttpRequest


@desk_view
def verdicts_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The rating scale, editable by editors (staff also have the admin)."""
    if not roles.can_edit_scale(request.user):
        raise PermissionDenied("Only editors can change the rating scale.")
    error = None
    if request.method == "POST":
        try:
            data = parsed(forms.VerdictForm(request.POST))
            fields = {
                "name": data["name"],
                "rating_value": data["rating_value"],
                "colour": data["colour"],
                "description": data["description"],
            }
            if data["verdict"]:
                verdict = Verdict.objects.filter(pk=data["verdict"]).first()
                if verdict is None:
                    raise DeskError("That verdict no longer exists.", code="gone")
                services.verdict_update(
                    verdict=verdict, is_active=data["is_active"], by=request.user, **fields
                )
            else:
                services.verdict_create(by=request.user, **fields)
        except DeskError as exc:
            error = exc
        else:
            messages.success(request, "The rating scale was saved.")
            return redirect("annotate:verdicts")
    scale = list(Verdict.objects.all())
    return render(
        request,
        "annotate/verdicts.html",
        {"scale": scale, "error": error},
        status=page_error(request, error),
    )
