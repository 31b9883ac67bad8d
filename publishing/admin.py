"""Prior fact-checks, webhook endpoints and the delivery log in the admin.

Prior fact-checks come in through ``prior_fact_checks_import`` (the API and the command),
which checks each ClaimReview document; the admin shows and removes them, and neither adds
nor edits one, so that no record skips those checks.

An endpoint is registered through ``webhook_register`` (publishing's webhooks API), which
checks the address and makes the secret, so the admin does not add one and does not change its
address, events or secret; it may pause (``is_active``), describe or remove it.
Deliveries are written with the change that caused them and settled by the worker: the
admin shows them and their attempts.
"""

from django.contrib import admin
from django.http import HttpRequest

from claimdesk.admin import ProjectAdmin, ViewOnlyModelAdmin
from publishing.models import PriorFactCheck, WebhookAttempt, WebhookDelivery, WebhookEndpoint


@admin.register(PriorFactCheck)
class PriorFactCheckAdmin(ProjectAdmin):
    list_display = ["claim_reviewed", "rating_name", "author", "date_published", "imported_at"]
    search_fields = ["claim_reviewed", "claimant", "url"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ProjectAdmin):
    list_display = ["url", "events", "is_active", "created_at"]
    readonly_fields = ["url", "events", "secret", "created_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "status_code", "error", "duration_ms"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ViewOnlyModelAdmin):
    list_display = ["id", "endpoint", "event", "status", "attempts", "created_at"]
    list_filter = ["status", "event"]
    inlines = [WebhookAttemptInline]
