"""Claims as flat rows with their reviews and sources, read in batches.

No serializers and no model instances: one query for a batch of claims (with the
current decision joined in and the quote's context cut out by the database), one
for their submitted reviews and one for their sources.  Memory stays that of one
batch whatever the size of the export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Greatest, Substr

from annotate.models import Decision, Review, ReviewStatus, Source
from annotate.selectors import blind_condition
from claimdesk.types import AnyUser
from claims.models import Claim, Sentence

CONTEXT = 32  # code points of prefix and suffix around a quote
BATCH = 2000

CLAIM_FIELDS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "article_publisher",
    "article_published",
    "start",
    "end",
    "quote",
    "claimant",
    "origin",
    "status",
    "score",
    "detector_version",
    "created",
    "updated",
    "verdict",
    "rating_value",
    "note",
    "correction_note",
    "published",
    "first_published",
    "prefix",
    "suffix",
)


@dataclass(slots=True)
class ClaimRow:
    row: Any  # a named values_list row with CLAIM_FIELDS
    reviews: list[tuple[str, str | None, str, str]]  # reviewer, verdict, confidence, rationale
    sources: list[tuple[str, str, str, str, str, Any]]  # url, title, publisher, excerpt, ...

    @property
    def rationale(self) -> str:
        """The editor's note, else the rationales of the reviews that reached the verdict."""
        if self.row.note:
            return str(self.row.note)
        agreeing = [r[3] for r in self.reviews if r[1] == self.row.verdict] or [
            r[3] for r in self.reviews[:1]
        ]
        return "\n\n".join(agreeing)


@dataclass(frozen=True)
class Audience:
    """Who reads an export, and so what each claim's row may carry besides the claim.

    ``reviews``: the individual reviews (reviewer, verdict, confidence, rationale) at
    all.  ``reader``: the user whose blind review holds, or None for nobody's.  With a
    reader, a claim's reviews are carried only where the reader has submitted their
    own (as on the desk), and a claim on which the reader is blind leaves without its
    decision (verdict, note, correction), its reviews and its sources.  Which role
    gets which audience is decided by ``publishing.selectors.export_audience``.
    """

    reviews: bool = True
    reader: AnyUser | None = None


EVERYTHING = Audience()


def _text(name: str) -> Cast:
    # Timestamps leave as the database's text: parsing them into datetimes costs more
    # than the rest of a CSV row; iso() gives them their ISO 8601 spelling.
    return Cast(name, output_field=TextField())


def iso(text: str | None) -> str | None:
    """ISO 8601 of a UTC timestamp as text (PostgreSQL: '... +00', SQLite: naive)."""
    if not text:
        return None
    text = text.replace(" ", "T", 1)
    if text.endswith("+00"):
        return text + ":00"
    if len(text) > 19 and ("+" in text[19:] or "-" in text[19:] or text.endswith("Z")):
        return text
    return text + "+00:00"


def claim_rows_queryset(queryset: QuerySet[Claim]) -> QuerySet[Any]:
    start_at = Greatest(F("start") - Value(CONTEXT), Value(0), output_field=IntegerField())
    return (
        queryset.order_by()
        .annotate(current=FilteredRelation("decisions", condition=Q(decisions__is_current=True)))
        .annotate(
            article_title=F("article__title"),
            article_url=F("article__url"),
            article_publisher=F("article__publisher"),
            article_published=_text("article__published_at"),
            verdict=F("current__verdict__name"),
            rating_value=F("current__verdict__rating_value"),
            note=F("current__note"),
            correction_note=F("current__correction_note"),
            published=_text("current__published_at"),
            first_published=Cast(
                Subquery(Decision.objects.filter(claim=OuterRef("pk")).first_published_at()),
                output_field=TextField(),
            ),
            created=_text("created_at"),
            updated=_text("updated_at"),
            prefix=Substr(
                "article__body", start_at + 1, F("start") - start_at, output_field=TextField()
            ),
            suffix=Substr("article__body", F("end") + 1, CONTEXT, output_field=TextField()),
        )
        .values_list(*CLAIM_FIELDS, named=True)
    )


def _claims_in(field: str, ids: list[int]) -> Q:
    """ids are sorted: a dense batch is a range (cheap to send), a sparse one a list."""
    if ids[-1] - ids[0] < 4 * len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})


def _reviews(ids: list[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    rows = (
        Review.objects.filter(_claims_in("claim_id", ids), status=ReviewStatus.SUBMITTED)
        .order_by("claim_id", "submitted_at", "id")
        .values_list("claim_id", "reviewer__username", "verdict__name", "confidence", "rationale")
    )
    for claim_id, *rest in rows:
        found[claim_id].append(tuple(rest))
    return found


def _sources(ids: list[int]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    rows = (
        Source.objects.filter(
            _claims_in("review__claim_id", ids), review__status=ReviewStatus.SUBMITTED
        )
        .order_by("review__claim_id", "created_at", "id")
        .values_list(
            "review__claim_id", "url", "title", "publisher", "excerpt", "stance", "accessed_at"
        )
    )
    for claim_id, *rest in rows:
        found[claim_id].append(tuple(rest))
    return found


def _chunks(rows: QuerySet[Any], batch: int) -> Iterator[list[Any]]:
    """One query read through a server-side cursor (PostgreSQL) in id order.

    Not keyset pages: with the decision joined in, PostgreSQL would merge-join the
    decisions from the start again for every page.
    """
    chunk: list[Any] = []
    for row in rows.order_by("pk").iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) == batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reader_limits(ids: list[int], reader: AnyUser | None) -> tuple[set[int], set[int] | None]:
    """(claims the reader is blind on, claims whose reviews they may read; None: all)."""
    if reader is None:
        return set(), None
    in_batch = Claim.objects.filter(_claims_in("pk", ids))
    condition = blind_condition(reader)
    blind = (
        set() if condition is None else set(in_batch.filter(condition).values_list("pk", flat=True))
    )
    own = Review.objects.filter(
        _claims_in("claim_id", ids), reviewer_id=reader.pk, status=ReviewStatus.SUBMITTED
    )
    return blind, set(own.values_list("claim_id", flat=True))


def _for_audience(
    chunk: list[Any],
    audience: Audience,
    reviews: dict[int, list[Any]],
    sources: dict[int, list[Any]],
) -> list[ClaimRow]:
    blind, readable = _reader_limits([row.id for row in chunk], audience.reader)
    items = []
    for row in chunk:
        if row.id in blind:
            hidden = row._replace(verdict=None, rating_value=None, note=None, correction_note=None)
            items.append(ClaimRow(hidden, [], []))
            continue
        shown = audience.reviews and (readable is None or row.id in readable)
        items.append(
            ClaimRow(row, reviews.get(row.id, []) if shown else [], sources.get(row.id, []))
        )
    return items


def claim_batches(
    queryset: QuerySet[Claim],
    *,
    batch: int = BATCH,
    progress: Callable[[int], object] | None = None,
    audience: Audience = EVERYTHING,
) -> Iterator[list[ClaimRow]]:
    """Batches of export rows, in id order, carrying what ``audience`` may read."""
    for chunk in _chunks(claim_rows_queryset(queryset), batch):
        ids = [row.id for row in chunk]
        reviews = _reviews(ids) if audience.reviews else {}
        yield _for_audience(chunk, audience, reviews, _sources(ids))
        if progress:
            progress(len(chunk))


# --- sentences, for training data --------------------------------------------------------------

SENTENCE_FIELDS = ("id", "article_id", "index", "text", "score", "detector_version")


def sentence_batches(
    queryset: QuerySet[Sentence],
    *,
    batch: int = BATCH,
    progress: Callable[[int], object] | None = None,
) -> Iterator[list[tuple[Any, str]]]:
    """Batches of (sentence row, human decision): claim, dismissed, no_claim or pending."""
    rows = queryset.order_by().values_list(*SENTENCE_FIELDS, named=True)
    for chunk in _chunks(rows, batch):
        decisions = _sentence_decisions([row.id for row in chunk])
        yield [(row, decisions.get(row.id, "no_claim")) for row in chunk]
        if progress:
            progress(len(chunk))


def _sentence_decisions(ids: list[int]) -> dict[int, str]:
    """A person's call on each sentence: a claim kept beats a dismissal beats nothing yet."""
    seen: dict[int, set[str]] = defaultdict(set)
    # triage__id is None where a claim has no triage, which the plugin's int leaves out.
    rows: Iterable[tuple[int, str, str, int | None]] = Claim.objects.filter(
        sentence_id__in=ids
    ).values_list("sentence_id", "status", "origin", "triage__id")
    for sentence_id, status, origin, triage in rows:
        if status == "dismissed":
            seen[sentence_id].add("dismissed")
        elif origin == "manual" or triage is not None or status != "new":
            seen[sentence_id].add("claim")
        else:
            seen[sentence_id].add("pending")
    order = ("claim", "dismissed", "pending")
    return {sid: next(d for d in order if d in kinds) for sid, kinds in seen.items()}
