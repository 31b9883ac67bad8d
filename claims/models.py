"""Articles, their sentences and the claims found in them.

Every offset in this app is a code-point offset into ``Article.body``, which is
normalised once on ingestion and never changes afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ArticleStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    PROCESSING = "processing", "Processing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ArticleQuerySet(models.QuerySet["Article"]):
    def pending(self) -> ArticleQuerySet:
        return self.filter(status__in=[ArticleStatus.QUEUED, ArticleStatus.PROCESSING])

    def dispatch_owed(self) -> ArticleQuerySet:
        """Articles whose pipeline message the broker has not taken yet (the outbox)."""
        return self.filter(dispatch_pending_since__isnull=False)

    def with_progress(self) -> ArticleQuerySet:
        """Annotate ``scored_count``: sentences that have a score (one aggregate query)."""
        return self.annotate(
            scored_count=Count("sentences", filter=Q(sentences__score__isnull=False))
        )


class Article(models.Model):
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=2000, blank=True)
    # Indexed: the dashboard and the lists filter by publisher.
    publisher = models.CharField(max_length=200, blank=True, db_index=True)
    author = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    body = models.TextField(editable=False)
    content_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        max_length=16, choices=ArticleStatus.choices, default=ArticleStatus.QUEUED, db_index=True
    )
    error = models.TextField(blank=True)
    sentence_count = models.PositiveIntegerField(default=0)
    claim_count = models.PositiveIntegerField(default=0)
    detector_version = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The outbox: set in the transaction that owes the pipeline a message for this
    # article, cleared once the broker has taken it (claims.outbox). Its value is
    # the token that clears it, so a later, newer request is never cleared by mistake.
    dispatch_pending_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]
        indexes = [
            # Only the few rows whose message is owed: the outbox scans this every few seconds.
            models.Index(
                fields=["dispatch_pending_since"],
                condition=Q(dispatch_pending_since__isnull=False),
                name="article_dispatch_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # The page is the desk's (annotate serves /articles/<id>/); named, not imported.
        return reverse("annotate:article", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (ArticleStatus.QUEUED, ArticleStatus.PROCESSING)

    @property
    def processing_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class Sentence(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    index = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    paragraph = models.PositiveIntegerField(default=0)
    score = models.FloatField(null=True, blank=True)
    checkworthy = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)
    spans = models.JSONField(default=list, blank=True)
    detector_version = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(fields=["article", "index"], name="sentence_unique_index"),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="sentence_start_lt_end"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0.0, score__lte=1.0),
                name="sentence_score_in_unit_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}#{self.index}"


class ClaimOrigin(models.TextChoices):
    DETECTED = "detected", "Detected"
    MANUAL = "manual", "Marked by hand"


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


# A detector's proposal nobody has acted on: every action of a person goes through a
# desk service that bumps ``version`` (accepting, assigning, dismissing, editing), and
# the detector's own writes (re-scoring, withdrawing, proposing again) never do.
UNTOUCHED_PROPOSAL = Q(origin=ClaimOrigin.DETECTED, version=1, assignee__isnull=True)


class ClaimQuerySet(models.QuerySet["Claim"]):
    def detected(self) -> ClaimQuerySet:
        return self.filter(origin=ClaimOrigin.DETECTED)

    def undismissed(self) -> ClaimQuerySet:
        """The claims an article counts (``claim_count``): at most one per span."""
        return self.exclude(status=ClaimStatus.DISMISSED)

    def published(self) -> ClaimQuerySet:
        return self.filter(status=ClaimStatus.PUBLISHED)

    def open(self) -> ClaimQuerySet:
        return self.exclude(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED])


class Claim(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    sentence = models.ForeignKey(
        Sentence, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    origin = models.CharField(max_length=16, choices=ClaimOrigin.choices)
    claimant = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.NEW, db_index=True
    )
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    spans = models.JSONField(default=list, blank=True)
    detector_version = models.CharField(max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    dismiss_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="claim_start_lt_end"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=ClaimOrigin.values), name="claim_origin_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            # The detector proposes at most one claim per sentence; re-running it
            # must not duplicate suggestions (the pipeline keys its writes on this).
            models.UniqueConstraint(
                fields=["sentence"],
                condition=Q(origin=ClaimOrigin.DETECTED),
                name="claim_one_detected_per_sentence",
            ),
            # One claim per stretch of text: the detector does not propose a sentence
            # someone marked by hand, nor a person mark a proposal again.  Dismissed
            # claims stay out of it, so a text can be marked again after a dismissal.
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                condition=~Q(status=ClaimStatus.DISMISSED),
                name="claim_one_undismissed_per_span",
            ),
        ]

    def __str__(self) -> str:
        return self.quote[:80]

    @property
    def is_untouched(self) -> bool:
        """``UNTOUCHED_PROPOSAL`` for a claim already loaded."""
        return (
            self.origin == ClaimOrigin.DETECTED and self.version == 1 and self.assignee_id is None
        )
