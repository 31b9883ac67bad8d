"""The rating scale is edited here; reviews and decisions are shown read-only.

Reviews, sources, assignments and decisions change only through the desk's
services (which check the workflow and versions), so the admin does not edit them.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from annotate.models import Assignment, Decision, Review, Source, Verdict


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "rating_value", "colour", "is_active"]
    list_display_links = ["name"]
    list_editable = ["rating_value", "colour", "is_active"]
    ordering = ["position"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["url", "title", "publisher", "stance", "accessed_at"]
    readonly_fields = ["url", "title", "publisher", "stance", "accessed_at"]
    can_delete = False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["id", "claim", "reviewer", "verdict", "status", "confidence", "updated_at"]
    list_filter = ["status", "verdict"]
    list_select_related = ["claim", "reviewer", "verdict"]
    inlines = [SourceInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["claim", "reviewer", "assigned_by", "assigned_at"]
    list_select_related = ["claim", "reviewer", "assigned_by"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["claim", "verdict", "is_current", "decided_by", "decided_at", "published_at"]
    list_filter = ["is_current", "verdict"]
    list_select_related = ["claim", "verdict", "decided_by"]
