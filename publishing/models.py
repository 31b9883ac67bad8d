"""What enters from outside: prior fact-checks read from ClaimReview JSON-LD."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PriorFactCheck(models.Model):
    """A fact-check published elsewhere (or earlier), searchable beside the desk's claims."""

    url = models.URLField(
        max_length=2000, unique=True, help_text="The fact-check's own page: its identity."
    )
    claim_reviewed = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    rating_name = models.CharField(max_length=200, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True, help_text="Who published it.")
    date_published = models.DateField(null=True, blank=True)
    appearance_url = models.URLField(
        max_length=2000, blank=True, help_text="Where the claim appeared."
    )
    language = models.CharField(max_length=35, blank=True)
    document = models.JSONField(help_text="The ClaimReview as it was read.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="prior_fact_check_url_http_or_https",
            ),
        ]

    def __str__(self) -> str:
        return self.claim_reviewed[:80]


class WebhookEvent(models.TextChoices):
    PUBLISHED = "claim.published", "A fact-check was published"
    UNPUBLISHED = "claim.unpublished", "A fact-check was withdrawn"
    CORRECTED = "claim.corrected", "A published verdict was corrected"


class WebhookEndpoint(models.Model):
    """An HTTPS address that editors registered to hear of publications."""

    url = models.URLField(max_length=2000)
    secret = models.CharField(
        max_length=128, editable=False, help_text="Key of the HMAC-SHA256 signature of each body."
    )
    events = models.JSONField(default=list, help_text="Event names; empty means all.")
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event: str) -> bool:
        return self.is_active and (not self.events or event in self.events)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One event for one endpoint; its id is sent along so receivers can drop repeats."""

    id = models.UUIDField(primary_key=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent)
    payload = models.JSONField()
    status = models.CharField(
        max_length=12, choices=DeliveryStatus, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    sending_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="webhook_delivery_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    """Every try of a delivery, successful or not."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_once"),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
