"""Reading import sources (files, folders, JSONL) into article inputs, for ``import_articles``.

Each input is read lazily so that a folder of thousands of files, or a JSONL
file of any length, is imported in constant memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.utils.dateparse import parse_datetime

from claimdesk import safejson
from claims.extraction import SUPPORTED_SUFFIXES, ArticleRejected, decode_bytes, extract_file

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSONL_FIELDS = {"title", "body", "url", "published_at", "publisher", "author", "language", "format"}


@dataclass
class ImportInput:
    label: str  # "path" or "path:line" for messages
    kind: str = "text"
    text: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    error: ArticleRejected | None = None


def expand_paths(paths: list[str]) -> Iterator[Path]:
    """Files named, and the supported files inside folders named (sorted, recursive)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES | JSONL_SUFFIXES:
                    yield child
        else:
            yield path


def count_inputs(files: list[Path]) -> int:
    total = 0
    for path in files:
        if path.suffix.lower() not in JSONL_SUFFIXES or not path.is_file():
            total += 1
            continue
        try:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1  # reported as unreadable when its turn comes
    return total


def read_inputs(files: list[Path]) -> Iterator[ImportInput]:
    for path in files:
        if not path.exists():
            yield ImportInput(
                str(path),
                error=ArticleRejected(f"{path}: no such file", code="missing", field="path"),
            )
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
        else:
            yield _read_file(path)


def _read_file(path: Path) -> ImportInput:
    try:
        extracted = extract_file(path.name, path.read_bytes())
    except ArticleRejected as exc:
        return ImportInput(str(path), error=exc)
    except OSError as exc:
        return ImportInput(str(path), error=_unreadable(path, exc))
    metadata = {
        "title": extracted.title or "",
        "author": extracted.author,
        "publisher": extracted.publisher,
    }
    return ImportInput(str(path), text=extracted.body, metadata=metadata)


def _read_jsonl(path: Path) -> Iterator[ImportInput]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ImportInput(str(path), error=_unreadable(path, exc))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            label = f"{path}:{number}"
            try:
                yield _jsonl_record(label, decode_bytes(raw, name=label))
            except ArticleRejected as exc:
                yield ImportInput(label, error=exc)


def _unreadable(path: Path, exc: OSError) -> ArticleRejected:
    return ArticleRejected(f"{path}: {exc.strerror or exc}", code="unreadable", field="path")


def _jsonl_record(label: str, line: str) -> ImportInput:
    try:
        record = safejson.loads(line)
    except safejson.JSONRejected as exc:
        where = f"field {exc.where!r} " if exc.where else ""
        raise ArticleRejected(
            f"{label}: {where}{exc.message}{' ' + exc.position if exc.position else ''}",
            code="invalid_json",
            field=exc.where or "body",
        ) from None
    if not isinstance(record, dict):
        raise ArticleRejected(
            f"{label}: expected a JSON object, got {type(record).__name__}", code="invalid_json"
        )
    unknown = sorted(set(record) - JSONL_FIELDS)
    if unknown:
        raise ArticleRejected(
            f"{label}: unknown field(s) {', '.join(unknown)}; "
            f"expected {', '.join(sorted(JSONL_FIELDS))}",
            code="unknown_field",
        )
    for name in JSONL_FIELDS - {"published_at"}:
        if name in record and not isinstance(record[name], str):
            raise ArticleRejected(
                f"{label}: field {name!r} must be a string", code="wrong_type", field=name
            )
    if not record.get("body", "").strip():
        raise ArticleRejected(f"{label}: field 'body' is missing or empty", code="empty")
    metadata = {key: record.get(key, "") for key in ("title", "url", "publisher", "author")}
    metadata["language"] = record.get("language") or "en"
    metadata["published_at"] = _parse_published(label, record.get("published_at"))
    return ImportInput(
        label, kind=record.get("format", "text"), text=record["body"], metadata=metadata
    )


def _parse_published(label: str, value: object) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value) or (
                datetime.fromisoformat(value) if len(value) == 10 else None
            )
        except ValueError:
            parsed = None
    if parsed is None:
        raise ArticleRejected(
            f"{label}: published_at {value!r} is not an ISO 8601 date or time",
            code="invalid_date",
            field="published_at",
        )
    if parsed.tzinfo is None:
        from django.utils import timezone

        parsed = timezone.make_aware(parsed)
    return parsed
