from django.contrib import admin

from publishing.models import PriorFactCheck, WebhookAttempt, WebhookDelivery, WebhookEndpoint


@admin.register(PriorFactCheck)
class PriorFactCheckAdmin(admin.ModelAdmin):
    list_display = ["claim_reviewed", "rating_name", "author", "date_published", "imported_at"]
    search_fields = ["claim_reviewed", "claimant", "url"]
    readonly_fields = ["document", "imported_by", "imported_at"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "events", "is_active", "created_at"]
    readonly_fields = ["secret", "created_by", "created_at"]


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "status_code", "error", "duration_ms"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "endpoint", "event", "status", "attempts", "created_at"]
    list_filter = ["status", "event"]
    readonly_fields = [
        "endpoint",
        "event",
        "payload",
        "status",
        "attempts",
        "sending_since",
        "created_at",
        "delivered_at",
        "last_error",
    ]
    inlines = [WebhookAttemptInline]
