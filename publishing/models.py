"""What enters from outside: prior fact-checks read from ClaimReview JSON-LD."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PriorFactCheck(models.Model):
    """A fact-check published elsewhere (or earlier), searchable beside the desk's claims."""

    url = models.URLField(max_length=2000, unique=True,
                          help_text="The fact-check's own page: its identity.")
    claim_reviewed = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    rating_name = models.CharField(max_length=200, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True, help_text="Who published it.")
    date_published = models.DateField(null=True, blank=True)
    appearance_url = models.URLField(max_length=2000, blank=True,
                                     help_text="Where the claim appeared.")
    language = models.CharField(max_length=35, blank=True)
    document = models.JSONField(help_text="The ClaimReview as it was read.")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="prior_fact_check_url_http_or_https"),
        ]

    def __str__(self) -> str:
        return self.claim_reviewed[:80]
