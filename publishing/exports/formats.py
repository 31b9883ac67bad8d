"""The export formats: ClaimReview, Web Annotation, CSV, JSONL and CheckThat! training TSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from publishing.exports import jsonld
from publishing.exports.rows import (
    EVERYTHING,
    Audience,
    ClaimRow,
    claim_batches,
    iso,
    sentence_batches,
)
from publishing.exports.uris import iri_to_uri

Progress = Callable[[int], object] | None
Writer = Callable[[QuerySet[Any], str, Progress, str, Audience], Iterator[str]]

# Cells a spreadsheet would read as a formula (OWASP's list, CR and tab included).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(text: str | None) -> str:
    """safe_cell for the text columns, the only ones a person can write into."""
    if not text:
        return ""
    return "'" + text if text[0] in "=+-@\t\r" else text


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""


CSV_COLUMNS = [
    "id",
    "url",
    "article_id",
    "article_title",
    "article_url",
    "quote",
    "start",
    "end",
    "claimant",
    "origin",
    "status",
    "score",
    "detector_version",
    "verdict",
    "rating_value",
    "rationale",
    "correction_note",
    "published_at",
    "reviewers",
    "review_verdicts",
    "source_urls",
    "created_at",
]


def _csv_values(item: ClaimRow, site: str) -> list[Any]:
    r = item.row
    return [
        r.id,
        jsonld.public_url(site, r) or "",
        r.article_id,
        _safe(r.article_title),
        _safe(r.article_url),
        _safe(r.quote),
        r.start,
        r.end,
        _safe(r.claimant),
        r.origin,
        r.status,
        "" if r.score is None else r.score,
        _safe(r.detector_version),
        _safe(r.verdict),
        "" if r.rating_value is None else r.rating_value,
        _safe(item.rationale),
        _safe(r.correction_note),
        iso(r.published) or "",
        _safe("; ".join(rv[0] for rv in item.reviews)),
        _safe("; ".join(rv[1] or "" for rv in item.reviews)),
        _safe(" ".join(src[0] for src in item.sources)),
        iso(r.created),
    ]


def _csv(
    queryset: QuerySet[Any], site: str, progress: Progress, query: str, audience: Audience
) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    for batch in claim_batches(queryset, progress=progress, audience=audience):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_csv_values(item, site) for item in batch)
        yield buffer.getvalue()


def jsonl_record(item: ClaimRow, site: str) -> dict[str, Any]:
    r = item.row
    return {
        "id": r.id,
        "url": jsonld.public_url(site, r),
        "article": {
            "id": r.article_id,
            "title": r.article_title,
            "url": r.article_url,
            "publisher": r.article_publisher,
            "published_at": iso(r.article_published),
        },
        "quote": r.quote,
        "start": r.start,
        "end": r.end,
        "claimant": r.claimant,
        "origin": r.origin,
        "status": r.status,
        "score": r.score,
        "detector_version": r.detector_version,
        "verdict": {"name": r.verdict, "rating_value": r.rating_value} if r.verdict else None,
        "rationale": item.rationale,
        "correction_note": r.correction_note or "",
        "published_at": iso(r.published),
        "reviews": [
            {"reviewer": name, "verdict": verdict, "confidence": confidence, "rationale": rationale}
            for name, verdict, confidence, rationale in item.reviews
        ],
        "sources": [
            {
                "url": url,
                "title": title,
                "publisher": publisher,
                "excerpt": excerpt,
                "stance": stance,
                "accessed_at": _iso(accessed) or None,
            }
            for url, title, publisher, excerpt, stance, accessed in item.sources
        ],
        "created_at": iso(r.created),
    }


def _jsonl(
    queryset: QuerySet[Any], site: str, progress: Progress, query: str, audience: Audience
) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for batch in claim_batches(queryset, progress=progress, audience=audience):
        yield "".join(dumps(jsonl_record(item, site)) + "\n" for item in batch)


def _claimreview(
    queryset: QuerySet[Any], site: str, progress: Progress, query: str, audience: Audience
) -> Iterator[str]:
    """A JSON array with one ClaimReview per published claim with a final verdict."""
    first = True
    yield "["
    for batch in claim_batches(queryset, progress=progress, audience=audience):
        parts = [
            json.dumps(jsonld.claim_review(item, site), ensure_ascii=False)
            for item in batch
            if item.row.verdict and item.row.published
        ]
        if parts:
            yield ("\n" if first else ",\n") + ",\n".join(parts)
            first = False
    yield "\n]\n"


def _webannotation(
    queryset: QuerySet[Any], site: str, progress: Progress, query: str, audience: Audience
) -> Iterator[str]:
    batches = claim_batches(queryset, progress=progress, audience=audience)
    yield from jsonld.annotation_collection(batches, site, query)


TRAINING_COLUMNS = ["Sentence_id", "Text", "class_label", "score", "detector_version", "decision"]


def _tsv_text(text: str) -> str:
    # The CheckThat! layout has no quoting: tabs and line breaks inside a sentence become spaces.
    return " ".join(text.split())


def _training(
    queryset: QuerySet[Any], site: str, progress: Progress, query: str, audience: Audience
) -> Iterator[str]:
    # Sentences and the desk's decisions on them: for audiences that read everything.
    yield "\t".join(TRAINING_COLUMNS) + "\n"
    for batch in sentence_batches(queryset, progress=progress):
        yield "".join(
            f"{row.id}\t{_tsv_text(row.text)}\t{'Yes' if decision == 'claim' else 'No'}\t"
            f"{'' if row.score is None else row.score}\t{row.detector_version}\t{decision}\n"
            for row, decision in batch
            if decision != "pending"
        )


@dataclass(frozen=True)
class ExportFormat:
    name: str
    content_type: str
    extension: str
    writer: Writer
    rows: str  # "claims" or "sentences"
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in [
        ExportFormat(
            "claimreview",
            "application/ld+json",
            "jsonld",
            _claimreview,
            "claims",
            "schema.org ClaimReview JSON-LD: an array, one object per published claim.",
        ),
        ExportFormat(
            "webannotation",
            'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
            "jsonld",
            _webannotation,
            "claims",
            "W3C Web Annotation JSON-LD: an AnnotationCollection whose first (and only) "
            "AnnotationPage holds every annotation; its id names the filters given.",
        ),
        ExportFormat(
            "csv",
            "text/csv; charset=utf-8",
            "csv",
            _csv,
            "claims",
            "One row per claim; cells that a spreadsheet would run as formulas are "
            "prefixed with an apostrophe.",
        ),
        ExportFormat(
            "jsonl",
            "application/jsonl; charset=utf-8",
            "jsonl",
            _jsonl,
            "claims",
            "One JSON object per line and per claim.",
        ),
        ExportFormat(
            "training",
            "text/tab-separated-values; charset=utf-8",
            "tsv",
            _training,
            "sentences",
            "CheckThat! layout (Sentence_id, Text, class_label) plus the machine score, "
            "the detector version and the human decision; undecided suggestions left out.",
        ),
    ]
}


def filter_query(filters: Mapping[str, Any]) -> str:
    """The filters given, as a canonical query string: the API and the command name the
    same export by the same URI."""
    return urlencode(sorted((k, str(v)) for k, v in filters.items() if v not in (None, "")))


def site_uri(site: str) -> str:
    """The base URL of the links in an export, as a URI; ValueError if it is not one."""
    uri = iri_to_uri(site.rstrip("/"))
    if uri is None or not uri.startswith(("http://", "https://")):
        raise ValueError(f"{site!r} is not an http:// or https:// address.")
    return uri.rstrip("/")


def stream(
    fmt: str,
    queryset: QuerySet[Any],
    *,
    site: str,
    progress: Progress = None,
    filters: Mapping[str, Any] | None = None,
    audience: Audience = EVERYTHING,
) -> Iterator[str]:
    """The export as text chunks; ``audience`` says what of the reviews it may carry."""
    return FORMATS[fmt].writer(
        queryset, site_uri(site), progress, filter_query(filters or {}), audience
    )
