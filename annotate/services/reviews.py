"""Reviews and their sources: drafts that save themselves, explicit submission.

A reviewer writes only their own review, only on a claim they are assigned to,
and only while the claim is open and undecided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotate import roles
from annotate.errors import DeskError, DeskForbidden, ReviewExists
from annotate.models import (
    RATIONALE_MAX_LENGTH,
    Confidence,
    Review,
    ReviewStatus,
    Source,
    Stance,
    Verdict,
)
from annotate.services._common import check_version, delete, locked, save
from annotate.services.claims import _recompute_status, _touch, _verdict
from claimdesk.types import User
from claims.models import Claim, ClaimStatus

_url_validator = URLValidator(schemes=["http", "https"])
SOURCE_LIMITS = {"url": 2000, "title": 300, "publisher": 200, "excerpt": 5000}


def _check_writable(claim: Claim, by: User) -> None:
    if not roles.can_review(by):
        raise DeskForbidden("Your role cannot write reviews.")
    if not claim.assignments.filter(reviewer_id=by.pk).exists():
        raise DeskForbidden("You are not assigned to this claim; ask an editor to assign you.")
    if claim.status in (ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED):
        raise DeskError(
            f"This claim is {claim.get_status_display().lower()}; its reviews are closed.",
            code="closed",
        )
    if claim.decisions.current().exists():
        raise DeskError(
            "An editor has recorded the final verdict; the reviews are closed.", code="closed"
        )


def _fields(verdict: Any, rationale: str, confidence: str) -> tuple[Verdict | None, str, str]:
    chosen = _verdict(verdict) if verdict not in (None, "") else None
    rationale = str(rationale).strip()
    if len(rationale) > RATIONALE_MAX_LENGTH:
        raise DeskError(
            f"The rationale is {len(rationale):,} characters long; the limit is "
            f"{RATIONALE_MAX_LENGTH:,}. Move long quotations into sources.",
            code="too_long",
            field="rationale",
        )
    confidence = str(confidence or "")
    if confidence not in ("", *Confidence.values):
        raise DeskError(
            f"Unknown confidence {confidence!r}; use low, medium or high.",
            code="invalid",
            field="confidence",
        )
    return chosen, rationale, confidence


def _own_review(claim: Claim, by: User, version: int | None) -> Review:
    """The caller's review, locked; created (version 1) when they have none yet."""
    review = Review.objects.select_for_update().filter(claim=claim, reviewer=by).first()
    if review is None:
        if version not in (None, 0):
            raise DeskError("Your review no longer exists; reload the page.", code="stale")
        review = Review(claim=claim, reviewer=by)
        try:
            with transaction.atomic():
                save(review, by=by, reason="draft started")
        except IntegrityError:
            # A second tab created it first: the caller has not seen that version.
            review = Review.objects.select_for_update().get(claim=claim, reviewer=by)
            check_version(review, 0, label="review")
        return review
    check_version(review, version, label="review")
    return review


def _complete(review: Review) -> None:
    if review.verdict_id is None:
        raise DeskError("Choose a verdict before submitting.", code="required", field="verdict")
    if not review.rationale:
        raise DeskError(
            "Write a rationale before submitting: say how you reached the verdict.",
            code="required",
            field="rationale",
        )


def review_save(
    *,
    claim: Claim,
    by: User,
    version: int | None,
    verdict: Any = None,
    rationale: str = "",
    confidence: str = "",
) -> Review:
    """Save the caller's review as it stands (the desk calls this as they type).

    ``version`` is the review version the caller last saw (None or 0 before the
    first save).  A submitted review stays submitted and must stay complete.
    """
    chosen, rationale, confidence = _fields(verdict, rationale, confidence)
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        _check_writable(claim, by)
        review = _own_review(claim, by, version)
        review.verdict, review.rationale, review.confidence = chosen, rationale, confidence
        if review.is_submitted:
            _complete(review)
        review.version += 1
        save(review, by=by, reason="edited" if review.is_submitted else "draft saved")
    return review


def review_start(
    *,
    claim: Claim,
    by: User,
    verdict: Any = None,
    rationale: str = "",
    confidence: str = "",
) -> Review:
    """Start the caller's review of the claim (a draft): the API's create.

    Unlike :func:`review_save` (the desk saving as the reviewer types, with the version
    they saw), starting a second review is refused with :class:`ReviewExists`, which says
    where the first one is.  The claim's lock, which every review write takes first, makes
    the check and the creation one step.
    """
    with transaction.atomic():
        locked(Claim, claim.pk)
        existing = Review.objects.filter(claim=claim, reviewer=by).values_list("pk", flat=True)
        if existing:
            raise ReviewExists(existing[0])
        return review_save(
            claim=claim,
            by=by,
            version=0,
            verdict=verdict,
            rationale=rationale,
            confidence=confidence,
        )


def review_submit(
    *,
    claim: Claim,
    by: User,
    version: int | None,
    verdict: Any,
    rationale: str,
    confidence: str = "",
) -> Review:
    """Save and submit the caller's review; after this they may read the others' reviews."""
    chosen, rationale, confidence = _fields(verdict, rationale, confidence)
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        _check_writable(claim, by)
        review = _own_review(claim, by, version)
        review.verdict, review.rationale, review.confidence = chosen, rationale, confidence
        _complete(review)
        first_submission = not review.is_submitted
        review.status = ReviewStatus.SUBMITTED
        review.submitted_at = review.submitted_at or timezone.now()
        review.version += 1
        save(review, by=by, reason="submitted" if first_submission else "edited")
        before = claim.status
        _recompute_status(claim)
        if claim.status != before:
            _touch(claim, by=by, reason="every assigned review submitted")
    return review


def _clean_url(url: str) -> str:
    url = str(url).strip()
    if not url:
        raise DeskError("Give the source's address.", code="required", field="url")
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        shown = (
            f"“{scheme}:” addresses are" if scheme else "an address without http:// or https:// is"
        )
        raise DeskError(
            f"Only http and https addresses can be sources; {shown} refused.",
            code="invalid_url",
            field="url",
        )
    try:
        _url_validator(url)
    except ValidationError:
        raise DeskError(
            f"{url[:200]!r} is not a valid web address.", code="invalid_url", field="url"
        ) from None
    return url


def _source_fields(
    url: str, title: str, publisher: str, excerpt: str, stance: str, accessed_at: dt.date | None
) -> dict[str, Any]:
    values = {
        "url": _clean_url(url),
        "title": " ".join(str(title).split()),
        "publisher": " ".join(str(publisher).split()),
        "excerpt": str(excerpt).strip(),
    }
    for name, limit in SOURCE_LIMITS.items():
        if len(values[name]) > limit:
            raise DeskError(
                f"The {name} is {len(values[name]):,} characters long; the limit is {limit:,}.",
                code="too_long",
                field=name,
            )
    if stance not in Stance.values:
        raise DeskError(
            f"Unknown stance {stance!r}; use supports, refutes or context.",
            code="invalid",
            field="stance",
        )
    if accessed_at is not None and accessed_at > timezone.localdate():
        raise DeskError("The access date is in the future.", code="invalid", field="accessed_at")
    return {**values, "stance": stance, "accessed_at": accessed_at or timezone.localdate()}


def source_add(
    *,
    claim: Claim,
    by: User,
    url: str,
    title: str = "",
    publisher: str = "",
    excerpt: str = "",
    stance: str = Stance.CONTEXT,
    accessed_at: dt.date | None = None,
) -> Source:
    """Add a source to the caller's review (starting a draft review if they have none)."""
    values = _source_fields(url, title, publisher, excerpt, stance, accessed_at)
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        _check_writable(claim, by)
        review = Review.objects.filter(claim=claim, reviewer=by).first()
        if review is None:
            review = Review(claim=claim, reviewer=by)
            save(review, by=by, reason="draft started")
        source = Source(review=review, **values)
        save(source, by=by, reason="source added")
    return source


def _own_source(source: Source, by: User) -> Source:
    source = locked(Source, source.pk)
    review = source.review
    if review.reviewer_id != getattr(by, "pk", None):
        raise DeskForbidden("Only the review's author can change its sources.")
    _check_writable(locked(Claim, review.claim_id), by)
    return source


def source_update(
    *,
    source: Source,
    by: User,
    url: str,
    title: str = "",
    publisher: str = "",
    excerpt: str = "",
    stance: str = Stance.CONTEXT,
    accessed_at: dt.date | None = None,
) -> Source:
    values = _source_fields(url, title, publisher, excerpt, stance, accessed_at)
    with transaction.atomic():
        source = _own_source(source, by)
        for name, value in values.items():
            setattr(source, name, value)
        save(source, by=by, reason="source edited")
    return source


def source_remove(*, source: Source, by: User) -> None:
    with transaction.atomic():
        source = _own_source(source, by)
        delete(source, by=by, reason="source removed")
