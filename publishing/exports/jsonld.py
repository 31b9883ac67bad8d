"""JSON-LD builders: schema.org ClaimReview and the W3C Web Annotation Data Model."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from django.conf import settings
from django.urls import reverse

from publishing.exports.rows import ClaimRow, iso

SCHEMA_ORG = "https://schema.org"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ANNO_PROFILE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
PAGE_SIZE = 1000
BEST_RATING, WORST_RATING = 5, 1


@cache
def _paths() -> tuple[str, str, str]:
    return (
        reverse("publishing:fact-check-list"),
        reverse("claims:article-list"),
        reverse("publishing-api:claim-list"),
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
    if row.article_url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": row.article_url}
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
    bodies += [
        {"type": "SpecificResource", "purpose": "linking", "source": source[0]}
        for source in item.sources
    ]
    note: dict[str, Any] = {
        "id": f"{site}{_paths()[2]}{row.id}/",
        "type": "Annotation",
        "motivation": "assessing",
        "created": iso(row.created),
        "modified": iso(row.updated),
        "target": {
            "source": row.article_url or f"{site}{_paths()[1]}{row.article_id}/",
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
    batches: Iterable[list[ClaimRow]], site: str, page_size: int | None = None
) -> Iterator[str]:
    """An AnnotationCollection and its pages as one JSON-LD ``@graph``, streamed.

    Pages link ``next``/``prev``/``partOf``; the collection node comes last so that its
    ``total`` and ``last`` are exact without counting first.  Nodes of a ``@graph``
    have no order, so readers find it all the same.
    """
    page_size = page_size or PAGE_SIZE
    collection = f"{site}{reverse('publishing-api:export-webannotation')}"
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    yield '{"@context": ' + dumps(ANNO_CONTEXT) + ', "@graph": [\n'
    page, in_page, total = 0, 0, 0
    for batch in batches:
        out: list[str] = []
        for item in batch:
            if in_page == page_size:
                out.append(f'\n], "next": {dumps(f"{collection}#page-{page + 1}")}}},\n')
                in_page = 0
            if in_page == 0:
                page += 1
                header = {
                    "id": f"{collection}#page-{page}",
                    "type": "AnnotationPage",
                    "partOf": collection,
                    "startIndex": total,
                }
                if page > 1:
                    header["prev"] = f"{collection}#page-{page - 1}"
                out.append(dumps(header)[:-1] + ', "items": [\n')
            else:
                out.append(",\n")
            out.append(dumps(annotation(item, site)))
            in_page += 1
            total += 1
        yield "".join(out)
    if page:
        yield "\n]},\n"
    node: dict[str, Any] = {
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"{settings.CLAIMDESK_ORGANISATION}: claims and verdicts",
        "total": total,
    }
    if page:
        node.update(first=f"{collection}#page-1", last=f"{collection}#page-{page}")
    yield dumps(node) + "\n]}\n"
