"""JSON-LD builders: schema.org ClaimReview and the W3C Web Annotation Data Model."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.conf import settings
from django.urls import reverse

from publishing.exports.rows import ClaimRow, iso
from publishing.exports.uris import iri_to_uri

SCHEMA_ORG = "https://schema.org"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNO_PROFILE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
BEST_RATING, WORST_RATING = 5, 1


@cache
def _paths() -> tuple[str, str, str]:
    return (
        reverse("publishing:fact-check-list"),
        reverse("claims:article-list"),
        reverse("annotate-api:claim-list"),
    )


def public_url(site: str, row: Any) -> str | None:
    """The public fact-check page of a published claim."""
    if row.status != "published":
        return None
    return f"{site}{_paths()[0]}{row.id}/"


def _date(text: str | None) -> str | None:
    return text[:10] if text else None


def organisation(site: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": settings.CLAIMDESK_ORGANISATION, "url": f"{site}/"}


def _rating(row: Any) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": row.verdict}
    # Verdicts off the numeric scale (Unverifiable) are given by name only.
    if row.rating_value is not None:
        rating.update(
            ratingValue=row.rating_value, bestRating=BEST_RATING, worstRating=WORST_RATING
        )
    return rating


def _item_reviewed(row: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    if row.claimant:
        claim["author"] = {"@type": "Person", "name": row.claimant}
    if row.article_published:
        claim["datePublished"] = _date(row.article_published)
    article_url = iri_to_uri(row.article_url) if row.article_url else None
    if article_url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article_url}
        if row.article_title:
            appearance["headline"] = row.article_title
        if row.article_publisher:
            appearance["publisher"] = {"@type": "Organization", "name": row.article_publisher}
        claim["appearance"] = appearance
    return claim


def claim_review(item: ClaimRow, site: str) -> dict[str, Any]:
    """One schema.org ClaimReview for a published claim with a final verdict."""
    row = item.row
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": public_url(site, row) or f"{site}{_paths()[0]}{row.id}/",
        "claimReviewed": row.quote,
        "author": organisation(site),
        # A correction changes the verdict, not when the fact-check first appeared.
        "datePublished": _date(row.first_published),
        "dateModified": _date(row.published),
        "reviewRating": _rating(row),
        "itemReviewed": _item_reviewed(row),
    }


def _article_uri(row: Any, site: str) -> str:
    """The article's own address, else (none, or nothing a URI can be made of) its page here."""
    found = iri_to_uri(row.article_url) if row.article_url else None
    return found or f"{site}{_paths()[1]}{row.article_id}/"


def _source_body(url: str) -> dict[str, Any]:
    uri = iri_to_uri(url)
    if uri is None:  # kept as text rather than lost, though no URI can be made of it
        return {"type": "TextualBody", "purpose": "linking", "value": url, "format": "text/plain"}
    return {"type": "SpecificResource", "purpose": "linking", "source": uri}


def annotation(item: ClaimRow, site: str) -> dict[str, Any]:
    """One Web Annotation: the quote selected twice over, the verdict, rationale and sources."""
    row = item.row
    bodies: list[dict[str, Any]] = []
    if row.verdict:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": row.verdict,
                "format": "text/plain",
            }
        )
    if item.rationale:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": item.rationale,
                "format": "text/plain",
            }
        )
    bodies += [_source_body(source[0]) for source in item.sources]
    note: dict[str, Any] = {
        "id": f"{site}{_paths()[2]}{row.id}/",
        "type": "Annotation",
        "motivation": "assessing",
        "created": iso(row.created),
        "modified": iso(row.updated),
        "target": {
            "source": _article_uri(row, site),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": row.quote,
                    "prefix": row.prefix,
                    "suffix": row.suffix,
                },
                {"type": "TextPositionSelector", "start": row.start, "end": row.end},
            ],
        },
    }
    if bodies:
        note["body"] = bodies
    return note


def annotation_collection(
    batches: Iterable[list[ClaimRow]], site: str, query: str = ""
) -> Iterator[str]:
    """One AnnotationCollection whose ``first`` page embeds every annotation, streamed.

    A file export is one page: pages after the first could only be linked by ``next``
    to documents that do not exist, or nested ever deeper.  The page's ``items`` are
    written batch by batch; the collection's ``total`` (and ``last``) follow them, so
    that the count is exact without a second query (JSON keys have no order).  An
    empty export has no page: the model asks for ``first`` only when ``total`` > 0.
    """
    collection = collection_id(site, query)
    page = f"{collection}#page-1"
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    head: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"{settings.CLAIMDESK_ORGANISATION}: claims and verdicts",
    }
    rest = (batch for batch in batches if batch)
    batch = next(rest, None)
    if batch is None:
        yield dumps({**head, "total": 0}) + "\n"
        return
    opening = {"id": page, "type": "AnnotationPage", "partOf": collection, "startIndex": 0}
    yield f'{dumps(head)[:-1]}, "first": {dumps(opening)[:-1]}, "items": [\n'
    total = 0
    # One name for the batch in hand, so that the first one does not outlive its turn.
    while batch is not None:
        notes = ",\n".join(dumps(annotation(item, site)) for item in batch)
        yield notes if total == 0 else ",\n" + notes
        total += len(batch)
        batch = next(rest, None)
    yield f'\n]}}, "total": {total}, "last": {dumps(page)}}}\n'


def collection_id(site: str, query: str) -> str:
    """The collection's URI: the API address that serves it, with its filters."""
    path = reverse("publishing-api:export-webannotation")
    return f"{site}{path}?{query}" if query else f"{site}{path}"
