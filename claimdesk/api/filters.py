"""Filter pieces every list of the API takes: strict filter sets, whole numbers, UTC times."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError

from claimdesk.api.ids import MAX_ID

_DIGITS = re.compile(r"[+-]?[0-9]+")


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, compared in UTC.

    PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows (+16:00): converting
    first answers every valid date-time instead of failing in the database.
    """

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        name = next(
            # parent: the FilterSet, set at run time (types-django-filter leaves it out).
            (n for n, f in getattr(self.parent, "filters", {}).items() if f is self),  # type: ignore[attr-defined]
            self.field_name,
        )
        return super().filter(qs, utc(value, name or "") if value is not None else None)


def utc(value: dt.datetime, name: str) -> dt.datetime:
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise ValidationError({name: ["Out of range once converted to UTC."]}) from None


class WholeNumberField(forms.IntegerField):
    """Digits as the schema's integer has them: int() would also read "1_0", "٣" or "1.0"."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not _DIGITS.fullmatch(str(value).strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number the database can hold (not 1.5, nor 2.4e+72, which SQLite would
    fail on), else 400; the schema gives the same bounds (claimdesk.api.schema)."""

    # The stubs tie NumberFilter to DecimalField; django-filter takes any form field.
    field_class = WholeNumberField  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(WholeNumberFilter):
    """An object id: a whole number from 1 to MAX_ID, else 400."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A parameter given empty (``?status=``), or a boolean that is neither true nor false
    (``?checkworthy=maybe``), is an error, not a silent "any"."""

    def get_form_class(self) -> Any:
        base, names = super().get_form_class(), list(self.filters)
        booleans = [
            n for n, f in self.filters.items() if isinstance(f, django_filters.BooleanFilter)
        ]

        class Form(base):  # type: ignore[valid-type,misc]
            def clean(self) -> Any:
                cleaned = super().clean()
                for name in names:
                    if self.data.get(name) == "":
                        self.add_error(name, "Empty: give a value or leave the parameter out.")
                for name in booleans:
                    raw = self.data.get(name)
                    if raw and raw.lower() not in ("true", "false"):
                        self.add_error(name, f"{raw[:40]!r}: use true or false.")
                return cleaned

        return Form
