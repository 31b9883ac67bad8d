"""The dashboard's filters: a date range, a publisher, a reviewer and an article.

Bad input never fails the page: each field that does not validate is dropped,
and the page says why next to the form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

# Longest span of days drawn day by day (throughput); a longer range shows its last days.
MAX_DAYS = 92
DEFAULT_DAYS = 28


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    publisher: str = ""
    reviewer_id: int | None = None
    article_id: int | None = None

    @property
    def active(self) -> bool:
        return any(
            (self.date_from, self.date_to, self.publisher, self.reviewer_id, self.article_id)
        )

    def start(self) -> dt.datetime | None:
        """Midnight at the start of ``date_from`` in the site's time zone."""
        return _midnight(self.date_from) if self.date_from else None

    def end(self) -> dt.datetime | None:
        """Midnight after ``date_to`` (exclusive), so the whole last day counts."""
        return _midnight(self.date_to + dt.timedelta(days=1)) if self.date_to else None

    def in_range(self, field: str) -> Q:
        """``field`` within the date range (no condition for an open end)."""
        q = Q()
        if self.date_from:
            q &= Q(**{f"{field}__gte": self.start()})
        if self.date_to:
            q &= Q(**{f"{field}__lt": self.end()})
        return q

    def on_article(self, prefix: str) -> Q:
        """The publisher and article conditions, through ``prefix`` (e.g. ``claim__article``)."""
        q = Q()
        if self.publisher:
            q &= Q(**{f"{prefix}__publisher": self.publisher})
        if self.article_id:
            q &= Q(**{f"{prefix}__id": self.article_id})
        return q

    def days(self, today: dt.date) -> list[dt.date]:
        """The days drawn one by one: the range, or the last four weeks, at most MAX_DAYS."""
        last = self.date_to or max(today, self.date_from or today)
        first = self.date_from or last - dt.timedelta(days=DEFAULT_DAYS - 1)
        first = max(first, last - dt.timedelta(days=MAX_DAYS - 1))
        return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class FilterForm(forms.Form):
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    publisher = forms.ChoiceField(required=False, label="Publisher")
    reviewer = forms.TypedChoiceField(
        required=False, label="Reviewer", coerce=int, empty_value=None
    )
    article = forms.IntegerField(
        required=False,
        min_value=1,
        label="Article #",
        widget=forms.NumberInput(attrs={"placeholder": "any"}),
    )

    def __init__(
        self, data: Any, *, publishers: list[str], reviewers: list[tuple[int, str]]
    ) -> None:
        super().__init__(data)
        publisher = self.fields["publisher"]
        reviewer = self.fields["reviewer"]
        assert isinstance(publisher, forms.ChoiceField)
        assert isinstance(reviewer, forms.ChoiceField)
        publisher.choices = [("", "Any publisher")] + [(p, p) for p in publishers]
        reviewer.choices = [("", "Any reviewer")] + [(pk, name) for pk, name in reviewers]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                f"The end date {end:%Y-%m-%d} is before the start date "
                f"{start:%Y-%m-%d}; the range was ignored.",
            )
            data.pop("date_from", None)
        return data

    def filters(self) -> Filters:
        """What validated; invalid fields are left out (their errors stay on the form)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            publisher=data.get("publisher") or "",
            reviewer_id=data.get("reviewer"),
            article_id=data.get("article"),
        )
