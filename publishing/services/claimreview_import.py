"""Reading prior fact-checks from ClaimReview JSON-LD: one object, a list, or JSONL.

Every problem is reported with where it is (``[3].reviewRating.ratingValue`` or
``line 7``).  Strict imports write nothing when any document is invalid; lenient ones
write the valid documents and report the rest as skipped.  Either way the whole
import is one transaction, so nothing is ever half-written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from claimdesk import safejson
from claimdesk.errors import DomainError
from claimdesk.types import User
from publishing.models import PriorFactCheck

CLAIM_REVIEW_TYPES = {
    "ClaimReview",
    "schema:ClaimReview",
    "http://schema.org/ClaimReview",
    "https://schema.org/ClaimReview",
}
MAX_DOCUMENTS = 100_000


class Invalid(DomainError):
    """One problem in the input, with where it is (``field``, also ``where``)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message, field=where)
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def api_detail(self) -> str:
        return str(self)


class InvalidDocuments(DomainError):
    """Raised by a strict import: nothing was written; ``problems`` are (where, what)."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(f"{len(problems)} invalid ClaimReview document(s); nothing imported.")
        self.problems = problems

    def api_detail(self) -> str:
        where, what = self.problems[0]
        return f"{self.message} First: {where}: {what}."

    def api_errors(self) -> dict[str, list[str]]:
        """Every problem, under where it is."""
        errors: dict[str, list[str]] = {}
        for where, what in self.problems:
            errors.setdefault(where, []).append(what)
        return errors


@dataclass
class ImportReport:
    imported: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, why)

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "skipped": [{"where": w, "reason": r} for w, r in self.skipped],
        }


def read_documents(text: str) -> list[tuple[str, Any]]:
    """(where, document) pairs from a JSON object, a JSON array or JSON Lines."""
    stripped = text.strip()
    if not stripped:
        raise Invalid("document", "it is empty")
    try:
        data = safejson.loads(stripped, check_text=False)
    except safejson.JSONRejected as error:
        if "\n" in stripped and _first_line_is_json(stripped):
            return _read_lines(stripped)  # JSON Lines, read (and located) line by line
        where = f"line {error.line} column {error.column}" if error.line else "document"
        raise Invalid(where, error.message) from None
    if isinstance(data, list):
        return [(f"[{i}]", item) for i, item in enumerate(data)]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return [(f"@graph[{i}]", item) for i, item in enumerate(data["@graph"])]
    return [("document", data)]


def _first_line_is_json(text: str) -> bool:
    try:
        safejson.loads(text.splitlines()[0], check_text=False)
    except safejson.JSONRejected:
        return False
    return True


def _read_lines(text: str) -> list[tuple[str, Any]]:
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append((f"line {number}", safejson.loads(line, check_text=False)))
        except safejson.JSONRejected as error:
            if not error.line:
                raise Invalid(f"line {number}", error.message) from None
            raise Invalid(
                f"line {number} column {error.column}",
                f"{error.message}; JSON Lines needs one object a line",
            ) from None
    return documents


# --- one document --------------------------------------------------------------------------


def _text(value: object, where: str, *, limit: int, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise Invalid(where, "is required")
        return ""
    if not isinstance(value, str):
        raise Invalid(where, f"must be a string, not {type(value).__name__}")
    value = " ".join(value.split())
    if len(value) > limit:
        raise Invalid(where, f"is {len(value):,} characters long; the limit is {limit:,}")
    return value


def _url(value: Any, where: str, *, required: bool = False) -> str:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    if isinstance(value, list):
        value = next((v for v in value if v), None)
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id")
    url = _text(value, where, limit=2000, required=required)
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        raise Invalid(where, f"{url[:100]!r} is not an http or https address")
    return url


def _name(value: Any, where: str) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
        where += ".name"
    return _text(value, where, limit=300)


def _number(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid(where, "must be a number, not a boolean")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Invalid(where, f"must be a number, not {value!r:.50}") from None


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(where, f"must be an ISO 8601 date, not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise Invalid(where, f"{value[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def _is_claim_review(document: dict[str, Any]) -> bool:
    kinds = document.get("@type", document.get("type"))
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(kind in CLAIM_REVIEW_TYPES for kind in kinds)


def parse_claim_review(document: Any, where: str) -> dict[str, Any]:
    """The fields of a PriorFactCheck from one ClaimReview, or ``Invalid`` saying where."""
    if not isinstance(document, dict):
        raise Invalid(where, f"must be a JSON object, not {type(document).__name__}")
    not_text = safejson.first_non_text(document)
    if not_text is not None:
        # The whole document is stored (JSONField): NUL or a surrogate anywhere in it,
        # not only in the fields read below, would be refused by the database.
        raise Invalid(f"{where}.{not_text[0]}", not_text[1])
    if not _is_claim_review(document):
        raise Invalid(
            f"{where}.@type", f"must be ClaimReview, not {document.get('@type', '(missing)')!r:.60}"
        )
    rating = document.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    if not isinstance(rating, dict):
        raise Invalid(f"{where}.reviewRating", "must be an object (a schema.org Rating)")
    item = document.get("itemReviewed") or {}
    if not isinstance(item, dict):
        raise Invalid(f"{where}.itemReviewed", "must be an object (a schema.org Claim)")
    r, i = f"{where}.reviewRating", f"{where}.itemReviewed"
    return {
        "url": _url(document.get("url"), f"{where}.url", required=True),
        "claim_reviewed": _text(
            document.get("claimReviewed"), f"{where}.claimReviewed", limit=10_000, required=True
        ),
        "rating_name": _text(
            rating.get("alternateName") or rating.get("name"), f"{r}.alternateName", limit=200
        ),
        "rating_value": _number(rating.get("ratingValue"), f"{r}.ratingValue"),
        "best_rating": _number(rating.get("bestRating"), f"{r}.bestRating"),
        "worst_rating": _number(rating.get("worstRating"), f"{r}.worstRating"),
        "author": _name(document.get("author"), f"{where}.author"),
        "date_published": _date(document.get("datePublished"), f"{where}.datePublished"),
        "claimant": _name(item.get("author"), f"{i}.author"),
        "appearance_url": _url(
            item.get("appearance") or item.get("firstAppearance"), f"{i}.appearance"
        ),
        "language": _text(
            document.get("inLanguage") if isinstance(document.get("inLanguage"), str) else "",
            f"{where}.inLanguage",
            limit=35,
        ),
    }


def prior_fact_checks_import(*, text: str, by: User | None, strict: bool = True) -> ImportReport:
    """Import ClaimReview documents; already imported URLs are skipped, never overwritten."""
    documents = read_documents(text)
    if len(documents) > MAX_DOCUMENTS:
        raise Invalid(
            "document", f"holds {len(documents):,} documents; the limit is {MAX_DOCUMENTS:,} a file"
        )
    report, rows, problems = ImportReport(), [], []
    for where, document in documents:
        try:
            rows.append((where, parse_claim_review(document, where), document))
        except Invalid as invalid:
            problems.append((invalid.where, invalid.message))
    if problems and strict:
        raise InvalidDocuments(problems)
    report.skipped.extend(problems)
    with transaction.atomic():
        known = set(
            PriorFactCheck.objects.filter(url__in=[row[1]["url"] for row in rows]).values_list(
                "url", flat=True
            )
        )
        fresh = []
        for where, fields, document in rows:
            if fields["url"] in known:
                report.skipped.append((where, f"already imported ({fields['url']})"))
                continue
            known.add(fields["url"])
            fresh.append(PriorFactCheck(**fields, document=document, imported_by=by))
        PriorFactCheck.objects.bulk_create(fresh, batch_size=1000)
    report.imported = len(fresh)
    return report
