"""Ingestion: outside text becomes an article, checked before the first write, queued on commit.

Every door (the web form, the API, ``import_articles``) calls these functions, so the
rules live here once.  Turning files and markup into text is :mod:`claims.extraction`'s.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from claimdesk.types import User
from claims.extraction import (
    ArticleRejected,
    ExtractedText,
    content_hash,
    default_title,
    extract_html,
    extract_markdown,
    normalise_body,
)
from claims.models import Article
from claims.services.pipeline import article_enqueue

_url_validator = URLValidator(schemes=["http", "https"])


class DuplicateArticle(ArticleRejected):
    """The same text was imported before (HTTP 409); ``existing`` is that article."""

    status = 409

    def __init__(self, existing: Article) -> None:
        super().__init__(
            f"This text was already imported as article {existing.pk} "
            f"(“{existing.title}”, {existing.created_at:%Y-%m-%d %H:%M}).",
            code="duplicate",
        )
        self.existing = existing

    def api_errors(self) -> dict[str, list[str]] | None:
        return None

    def api_extra(self, request: HttpRequest) -> dict[str, Any]:
        """The existing article's id and API address, for the client to read it instead."""
        url = reverse("api:article-detail", args=[self.existing.pk])
        return {"id": self.existing.pk, "api_url": request.build_absolute_uri(url)}


def _check_metadata(*, title: str, url: str, publisher: str, author: str, language: str) -> None:
    limits = {
        "title": (title, 300),
        "publisher": (publisher, 200),
        "author": (author, 200),
        "language": (language, 16),
        "url": (url, 2000),
    }
    for field, (value, limit) in limits.items():
        if len(value) > limit:
            raise ArticleRejected(
                f"{field} is {len(value)} characters long; the limit is {limit}",
                code="too_long",
                field=field,
            )
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            raise ArticleRejected(
                f"url {url!r} is not an http(s) address", code="invalid_url", field="url"
            ) from None
    for name, (text, _) in limits.items():
        if "\x00" in text:
            # PostgreSQL refuses NUL in text; the body has it removed by normalise_body.
            raise ArticleRejected(
                f"{name} contains U+0000 (NUL), which is not text", code="invalid_text", field=name
            )


# Dates are stored in UTC and shown in the site's time zone: one that cannot be
# converted both ways (9999-12-31T23:59:59-14:00 is in year 10000 in UTC) would be
# refused by the database, or stored and then break every page that lists it.
# A day's margin at both ends covers every time zone (offsets stay under 24 hours).
EARLIEST_DATE = datetime(1, 1, 2, tzinfo=UTC)
LATEST_DATE = datetime(9999, 12, 30, tzinfo=UTC)


def check_published_at(value: datetime | None) -> datetime | None:
    """The publication date in UTC, or :class:`ArticleRejected` if it is out of range."""
    if value is None:
        return None
    try:
        aware = timezone.make_aware(value) if timezone.is_naive(value) else value
        in_utc = aware.astimezone(UTC)
    except (OverflowError, ValueError):
        in_utc = None
    if in_utc is None or not EARLIEST_DATE <= in_utc <= LATEST_DATE:
        raise ArticleRejected(
            f"published_at {value.isoformat()} is out of range; use a date between "
            f"{EARLIEST_DATE.date().isoformat()} and {LATEST_DATE.date().isoformat()} (UTC)",
            code="invalid_date",
            field="published_at",
        )
    return in_utc


def _check_encodable(**fields: str) -> None:
    # A JSON "\ud800" escape decodes to a lone surrogate: a str that cannot be
    # encoded as UTF-8, so hashing or saving it would crash instead of refusing it.
    for field, value in fields.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ArticleRejected(
                f"{field} contains U+{ord(value[exc.start]):04X}, a lone surrogate that is "
                "not text",
                code="invalid_text",
                field=field,
            ) from None


# Characters that do not show: separators (spaces), controls, formats (zero-width
# spaces and joiners, the byte-order mark), surrogates and unassigned code points.
_INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Cn"}


def _check_body(body: str) -> None:
    if not body:
        raise ArticleRejected("The article body is empty.", code="empty")
    if all(unicodedata.category(char) in _INVISIBLE for char in body):
        raise ArticleRejected(
            "The article body has no visible text, only spaces or invisible characters "
            "(zero-width spaces, joiners, byte-order marks).",
            code="empty",
        )
    size = len(body.encode("utf-8"))
    limit = settings.CLAIMDESK_MAX_ARTICLE_BYTES
    if size > limit:
        raise ArticleRejected(
            f"The article body is {size:,} bytes; the limit is {limit:,} bytes "
            "(CLAIMDESK_MAX_ARTICLE_BYTES).",
            code="too_large",
        )


def article_create(
    *,
    body: str,
    title: str = "",
    url: str = "",
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    language: str = "en",
    created_by: User | None = None,
) -> Article:
    """Create an article from outside text and queue it for processing on commit.

    Raises :class:`ArticleRejected` (or :class:`DuplicateArticle`) without writing
    anything when the input cannot be accepted.
    """
    _check_encodable(
        body=body, title=title, url=url, publisher=publisher, author=author, language=language
    )
    body = normalise_body(body)
    _check_body(body)
    title = " ".join(title.split()) or default_title(body)
    _check_metadata(title=title, url=url, publisher=publisher, author=author, language=language)
    published_at = check_published_at(published_at)
    digest = content_hash(body)
    existing = Article.objects.filter(content_sha256=digest).first()
    if existing is not None:
        raise DuplicateArticle(existing)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                url=url,
                publisher=publisher,
                author=author,
                published_at=published_at,
                language=language or "en",
                body=body,
                content_sha256=digest,
                created_by=created_by,
            )
            article_enqueue(article_id=article.pk)
    except IntegrityError:
        # Two imports of the same text raced past the check above.
        existing = Article.objects.filter(content_sha256=digest).first()
        if existing is None:
            raise
        raise DuplicateArticle(existing) from None
    return article


def article_create_from_source(
    *,
    text: str,
    kind: str = "text",
    title: str = "",
    url: str = "",
    publisher: str = "",
    author: str = "",
    published_at: datetime | None = None,
    language: str = "en",
    created_by: User | None = None,
) -> Article:
    """Create an article from text, HTML or Markdown; metadata found in the source fills gaps."""
    if kind == "html":
        extracted = extract_html(text)
    elif kind == "markdown":
        extracted = extract_markdown(text)
    elif kind == "text":
        extracted = ExtractedText(body=text)
    else:
        raise ArticleRejected(
            f"unknown format {kind!r}; use text, html or markdown",
            code="unsupported_type",
            field="format",
        )
    return article_create(
        body=extracted.body,
        title=title or extracted.title,
        url=url,
        publisher=publisher or extracted.publisher,
        author=author or extracted.author,
        published_at=published_at,
        language=language,
        created_by=created_by,
    )
