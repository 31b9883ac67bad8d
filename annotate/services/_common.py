"""Shared pieces of the desk's services: history-aware saves and version checks."""

from __future__ import annotations

from typing import Any

from django.db import models

from annotate.errors import DeskError, StaleVersion
from claimdesk.types import User

# Fields that change on every save and say nothing to a person reading a conflict.
_NOISE = {"version", "updated_at", "created_at"}
# Long text: report that it changed, not both versions in full.
_LONG_TEXT = {"rationale", "note", "correction_note", "excerpt", "dismiss_reason", "quote"}


def save(obj: models.Model, *, by: User, reason: str = "") -> None:
    """Save through the model so that django-simple-history records who and why."""
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()


def delete(obj: models.Model, *, by: User, reason: str = "") -> None:
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.delete()


def locked(model: type[models.Model], pk: int) -> Any:
    """Re-read a row under a lock (PostgreSQL row lock; SQLite's IMMEDIATE transaction)."""
    return model._default_manager.select_for_update().get(pk=pk)


def check_version(obj: Any, expected: int | None, *, label: str) -> None:
    """Refuse to write over a version the caller has not seen, saying what changed."""
    if expected is None:
        raise DeskError(
            f"The {label}'s version is missing; reload the page and try again.",
            code="version_required",
            field="version",
        )
    if int(expected) == obj.version:
        return
    changes, who, when = _changes_since(obj, int(expected))
    summary = "; ".join(_describe(field, before, after) for field, before, after in changes)
    by = f" by {who}" if who else ""
    at = f" at {when:%H:%M} UTC" if when else ""
    raise StaleVersion(
        f"This {label} was changed{by}{at} after you opened it "
        f"(you had version {expected}, it is now version {obj.version}"
        + (f": {summary}" if summary else "")
        + "). Nothing was saved; reload to see the current state and apply your change again.",
        current_version=obj.version,
        changes=changes,
    )


def _changes_since(obj: Any, expected: int) -> tuple[list[tuple[str, str, str]], Any, Any]:
    history = obj.history.order_by("-history_date", "-history_id")
    latest = history.first()
    seen = history.filter(version=expected).first()
    if latest is None:
        return [], None, None
    changes: list[tuple[str, str, str]] = []
    if seen is not None:
        delta = latest.diff_against(seen, excluded_fields=list(_NOISE & _field_names(obj)))
        changes = [
            (c.field, _shown(obj, c.field, c.old), _shown(obj, c.field, c.new))
            for c in delta.changes
        ]
    return changes, latest.history_user, latest.history_date


def _field_names(obj: Any) -> set[str]:
    return {f.name for f in obj._meta.concrete_fields}


def _shown(obj: Any, field_name: str, value: Any) -> str:
    field = obj._meta.get_field(field_name)
    if value is None or value == "":
        return "(empty)"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _describe(field: str, before: str, after: str) -> str:
    name = field.replace("_", " ")
    if field in _LONG_TEXT:
        return f"{name} edited"
    return f"{name} {before} → {after}"
