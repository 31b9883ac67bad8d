"""Admin pieces every app shares: the record is shown there, the workflow is not run there.

Claims, reviews, decisions and the rest change through the services (``annotate.services``,
``claims.services``, ``publishing.services``), which check roles and versions, record the
history and send the events that webhooks deliver.  An admin form saving the row directly
would skip all of that, so the admins built on these classes show such rows and leave
their changes to the site.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class HttpsUrls:
    """For an admin.ModelAdmin: an address typed without a scheme is https, not http.

    Django 6 makes https forms.URLField's default; saying so now also keeps Django 5.2's
    deprecation warning out of every admin form with an address.
    """

    formfield_overrides: ClassVar[Mapping[type[models.Field[Any, Any]], Mapping[str, Any]]] = {
        models.URLField: {"assume_scheme": "https"}
    }


class ProjectAdmin(HttpsUrls, admin.ModelAdmin):
    """The plain admin of the project's models."""


class AuditedAdmin(HttpsUrls, SimpleHistoryAdmin):
    """Shows an object's history, never reverts it.

    django-simple-history's "revert" page saves the old row as it was when it receives a
    POST, whatever the admin's change permission (a view-only admin included): the old
    status, assignee or verdict would come back with no version check, history reason or
    webhook.  Its GET page, which shows an old version, stays.
    """

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Old versions are shown here, not restored.")
        response: HttpResponse = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        return response


class ViewOnly:
    """For an admin.ModelAdmin: the model is listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(ViewOnly, AuditedAdmin):
    """A model with history that only the services write."""


class ViewOnlyModelAdmin(ViewOnly, ProjectAdmin):
    """A model without history that only the services or the workers write."""
