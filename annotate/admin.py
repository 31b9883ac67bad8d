"""The rating scale is edited here through its services; the desk's record is shown read-only.

Reviews, sources, assignments and decisions change only through the desk's services
(which check the workflow and versions, record the history and send the publication
events), so the admin shows them and neither adds, changes nor deletes them.  A verdict
of the scale is saved by ``verdict_create``/``verdict_update``, with their checks; it is
retired (made inactive) rather than deleted, since reviews and decisions keep it.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from annotate.errors import DeskError
from annotate.models import Assignment, Decision, Review, Source, Verdict
from annotate.services import verdict_clean, verdict_create, verdict_update
from claimdesk.admin import AuditedAdmin, ViewOnlyAdmin
from claimdesk.types import signed_in

SCALE_FIELDS = ["name", "rating_value", "colour", "description"]


class VerdictForm(forms.ModelForm):
    """Runs the scale service's checks, so a refusal shows on its field instead of a 500."""

    class Meta:
        model = Verdict
        fields = [*SCALE_FIELDS, "is_active"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data: dict[str, Any] = self.cleaned_data
        # The changelist's form holds only the editable columns: the rest is as saved.
        values = {f: data.get(f, getattr(self.instance, f)) for f in SCALE_FIELDS}
        try:
            verdict_clean(**values, exclude=self.instance.pk)
        except DeskError as refused:
            raise ValidationError({refused.field or "__all__": refused.message}) from None
        return data


@admin.register(Verdict)
class VerdictAdmin(AuditedAdmin):
    form = VerdictForm
    list_display = ["position", "name", "rating_value", "colour", "is_active"]
    list_display_links = ["name"]
    list_editable = ["rating_value", "colour", "is_active"]
    ordering = ["position"]
    readonly_fields = ["position"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        return super().get_changelist_form(request, **{"form": VerdictForm, **kwargs})

    def save_model(self, request: HttpRequest, obj: Verdict, form: Any, change: bool) -> None:
        values = {f: getattr(obj, f) for f in SCALE_FIELDS}
        if change:
            verdict_update(
                verdict=obj, is_active=obj.is_active, by=signed_in(request.user), **values
            )
            return
        created = verdict_create(by=signed_in(request.user), **values)
        # The admin goes on with its own instance (its message, its redirect).
        obj.pk, obj.position, obj.is_active = created.pk, created.position, created.is_active
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["url", "title", "publisher", "stance", "accessed_at"]
    readonly_fields = ["url", "title", "publisher", "stance", "accessed_at"]
    can_delete = False


@admin.register(Review)
class ReviewAdmin(ViewOnlyAdmin):
    list_display = ["id", "claim", "reviewer", "verdict", "status", "confidence", "updated_at"]
    list_filter = ["status", "verdict"]
    list_select_related = ["claim", "reviewer", "verdict"]
    inlines = [SourceInline]


@admin.register(Assignment)
class AssignmentAdmin(ViewOnlyAdmin):
    list_display = ["claim", "reviewer", "assigned_by", "assigned_at"]
    list_select_related = ["claim", "reviewer", "assigned_by"]


@admin.register(Decision)
class DecisionAdmin(ViewOnlyAdmin):
    list_display = ["claim", "verdict", "is_current", "decided_by", "decided_at", "published_at"]
    list_filter = ["is_current", "verdict"]
    list_select_related = ["claim", "verdict", "decided_by"]
