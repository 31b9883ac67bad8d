"""Claims under review: the rating scale, assignments, reviews, sources and decisions.

``claims.Claim`` knows nothing of this app; everything the desk adds to a claim
points at it from here.  Review, Source, Assignment, Decision and Triage keep
their history with django-simple-history (who, when, before, after).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.models import Claim

RATIONALE_MAX_LENGTH = 10_000
NOTE_MAX_LENGTH = 5_000

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour such as #1a7f37.")


class VerdictQuerySet(models.QuerySet["Verdict"]):
    def active(self) -> VerdictQuerySet:
        return self.filter(is_active=True)


class Verdict(models.Model):
    """One step of the rating scale (True, Mostly true, ..., Unverifiable)."""

    name = models.CharField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        unique=True, help_text="Order on the scale; the first seven are keys 1-7 on the desk."
    )
    rating_value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="ClaimReview ratingValue (5 best, 1 worst); empty for verdicts off the scale "
        "such as Unverifiable, which are exported by name only.",
    )
    colour = models.CharField(
        max_length=7,
        validators=[colour_validator],
        help_text="Highlight colour on the article page, e.g. #1a7f37.",
    )
    description = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True, help_text="Inactive verdicts cannot be chosen.")

    history = HistoricalRecords()
    objects = VerdictQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_value__isnull=True)
                | Q(rating_value__gte=1, rating_value__lte=5),
                name="verdict_rating_value_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
        channels = [int(self.colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        return "#000000" if luminance > 0.179 else "#ffffff"


class Triage(models.Model):
    """A person's acceptance of a detected claim as worth checking."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="triage")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"claim {self.claim_id} accepted"


class Assignment(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "reviewer"], name="assignment_once_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on claim {self.claim_id}"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ReviewQuerySet(models.QuerySet["Review"]):
    def submitted(self) -> ReviewQuerySet:
        return self.filter(status=ReviewStatus.SUBMITTED)


class Review(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    verdict = models.ForeignKey(
        Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    rationale = models.TextField(blank=True)
    confidence = models.CharField(max_length=8, choices=Confidence, blank=True)
    status = models.CharField(max_length=12, choices=ReviewStatus, default=ReviewStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "created_at", "id"]
        permissions = [("view_all_reviews", "Can read every review of a claim (no blind review)")]
        constraints = [
            models.UniqueConstraint(fields=["claim", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="review_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__in=[*Confidence.values, ""]), name="review_confidence_valid"
            ),
            # A submitted review always carries a verdict and a rationale.
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.DRAFT)
                | (Q(verdict__isnull=False, submitted_at__isnull=False) & ~Q(rationale="")),
                name="review_submitted_is_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on claim {self.claim_id}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    REFUTES = "refutes", "Refutes the claim"
    CONTEXT = "context", "Context"


class Source(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=12, choices=Stance, default=Stance.CONTEXT)
    accessed_at = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="source_url_http_or_https",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="source_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class DecisionQuerySet(models.QuerySet["Decision"]):
    def current(self) -> DecisionQuerySet:
        return self.filter(is_current=True)

    def first_published_at(self) -> models.QuerySet[Decision, Any]:
        """The earliest publication among these decisions, as a one-value queryset for a
        ``Subquery``: a correction publishes a new decision, but the fact-check itself was
        first published with an earlier one (ClaimReview's ``datePublished``)."""
        return (
            self.filter(published_at__isnull=False)
            .order_by("published_at")
            .values("published_at")[:1]
        )


class Decision(models.Model):
    """An editor's final verdict on a claim.

    A new decision on a claim supersedes the previous one, which is kept; a
    decision that replaces a published verdict carries a correction note.
    """

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="decisions")
    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="decisions")
    note = models.TextField(blank=True)
    correction_note = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When this verdict was first published."
    )

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "decided_at", "id"]
        permissions = [("publish_decision", "Can publish and unpublish fact-checks")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(is_current=True),
                name="decision_one_current_per_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verdict} on claim {self.claim_id}"
