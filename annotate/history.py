"""A claim's history for its page: who changed what, when, from what to what.

Reads the django-simple-history tables of the claim and of everything the desk
hangs on it.  Blind review applies here too: reviews (and their sources) the
user may not read yet are left out, as is the final verdict while they write.
The verdict of a decision is told in the decision's own entries only; the
claim's entries never name it (``claim_decide`` writes "final verdict recorded"),
so that leaving the decision's entries out is enough to keep it hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model

from annotate import selectors
from annotate.models import Assignment, Decision, Review, Source, Triage, Verdict
from claimdesk.types import AnyUser
from claims.models import Claim

_SKIP = {
    "id",
    "version",
    "updated_at",
    "created_at",
    "claim",
    "review",
    "spans",
    "reasons",
    "score",
    "detector_version",
    "sentence",
    "article",
}
_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class Entry:
    when: datetime
    who: str
    subject: str
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


class _Names:
    """Turns foreign-key ids into names with one query per model."""

    def __init__(self) -> None:
        self.users = dict(get_user_model().objects.values_list("pk", "username"))
        self.verdicts = dict(Verdict.objects.values_list("pk", "name"))

    def show(self, model: Any, name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        target = model._meta.get_field(name)
        if target.is_relation:
            table = self.verdicts if target.related_model is Verdict else self.users
            return str(table.get(value, f"#{value}"))
        if target.choices:
            return str(dict(target.flatchoices).get(value, value))
        if isinstance(value, datetime):
            return f"{value:%Y-%m-%d %H:%M}"
        return str(value)


def _entries(
    model: Any,
    records: list[Any],
    subject: Any,
    names: _Names,
    reason: Any = lambda r: r.history_change_reason or "",
) -> list[Entry]:
    fields = [f for f in model._meta.concrete_fields if f.name not in _SKIP]
    previous: dict[int, Any] = {}
    out = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            for f in fields:
                old, new = getattr(before, f.attname), getattr(record, f.attname)
                if old != new:
                    changes.append(
                        Change(
                            f.verbose_name,
                            names.show(model, f.name, old),
                            names.show(model, f.name, new),
                        )
                    )
        previous[record.id] = record
        out.append(
            Entry(
                when=record.history_date,
                who=names.users.get(record.history_user_id, "system"),
                subject=subject(record),
                kind=_KINDS[record.history_type],
                reason=reason(record),
                changes=changes,
            )
        )
    return out


def claim_timeline(*, claim: Claim, user: AnyUser) -> list[Entry]:
    """Every recorded change to the claim and what hangs on it, newest first."""
    names = _Names()
    reviews = selectors.reviews_visible(claim=claim, user=user)
    review_ids = [r.pk for r in reviews]
    authors = {r.pk: names.users.get(r.reviewer_id, "?") for r in reviews}
    entries = _entries(Claim, list(Claim.history.filter(id=claim.pk)), lambda r: "Claim", names)
    entries += _entries(
        Triage, list(Triage.history.filter(claim_id=claim.pk)), lambda r: "Suggestion", names
    )
    entries += _entries(
        Assignment,
        list(Assignment.history.filter(claim_id=claim.pk)),
        lambda r: f"Assignment of {names.users.get(r.reviewer_id, '?')}",
        names,
    )
    entries += _entries(
        Review,
        list(Review.history.filter(id__in=review_ids)),
        lambda r: f"Review by {authors.get(r.id, '?')}",
        names,
    )
    entries += _entries(
        Source,
        list(Source.history.filter(review_id__in=review_ids)),
        lambda r: f"Source {r.url[:60]}",
        names,
    )
    if not selectors.is_blind(claim=claim, user=user):
        entries += _entries(
            Decision,
            list(Decision.history.filter(claim_id=claim.pk)),
            lambda r: "Final verdict",
            names,
            reason=lambda r: _decision_reason(r, names),
        )
    return sorted(entries, key=lambda e: e.when, reverse=True)


def _decision_reason(record: Any, names: _Names) -> str:
    """A decision's entry names its verdict: the one place the history tells it."""
    verdict = names.verdicts.get(record.verdict_id, f"#{record.verdict_id}")
    reason = record.history_change_reason or ""
    return f"{reason}: {verdict}" if reason else str(verdict)
