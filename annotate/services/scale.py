"""The rating scale: editors add verdicts and change their names, values and colours."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Max

from annotate import roles
from annotate.errors import DeskError, DeskForbidden
from annotate.models import Verdict
from annotate.services._common import save
from claimdesk.types import User

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def verdict_clean(
    *,
    name: str,
    rating_value: int | None,
    colour: str,
    description: str,
    exclude: int | None = None,
) -> dict[str, Any]:
    """The checks ``verdict_create`` and ``verdict_update`` make, and the values they save.

    Public so that a form (the admin's) can show a refusal on its field before it calls
    the service; ``exclude`` is the verdict being edited.
    """
    name = " ".join(str(name).split())
    if not name or len(name) > 60:
        raise DeskError(
            "A verdict needs a name of at most 60 characters.", code="invalid", field="name"
        )
    same = Verdict.objects.filter(name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise DeskError(
            f"There is already a verdict called “{name}”.", code="duplicate", field="name"
        )
    if rating_value is not None and not (isinstance(rating_value, int) and 1 <= rating_value <= 5):
        raise DeskError(
            "The ClaimReview rating value is a whole number from 1 (worst) to 5 "
            "(best), or empty for verdicts off the scale.",
            code="invalid",
            field="rating_value",
        )
    if not _COLOUR.match(str(colour)):
        raise DeskError(
            f"{colour!r} is not a colour such as #1a7f37.", code="invalid", field="colour"
        )
    description = str(description).strip()
    if len(description) > 300:
        raise DeskError(
            "The description is limited to 300 characters.", code="too_long", field="description"
        )
    return {
        "name": name,
        "rating_value": rating_value,
        "colour": colour.lower(),
        "description": description,
    }


def verdict_create(
    *, name: str, rating_value: int | None, colour: str, by: User, description: str = ""
) -> Verdict:
    """Add a verdict at the end of the scale."""
    if not roles.can_edit_scale(by) or not by.has_perm("annotate.add_verdict"):
        raise DeskForbidden("Only editors can change the rating scale.")
    values = verdict_clean(
        name=name, rating_value=rating_value, colour=colour, description=description
    )
    with transaction.atomic():
        last = Verdict.objects.select_for_update().aggregate(m=Max("position"))["m"] or 0
        verdict = Verdict(position=last + 1, **values)
        save(verdict, by=by, reason="added to the scale")
    return verdict


def verdict_update(
    *,
    verdict: Verdict,
    name: str,
    rating_value: int | None,
    colour: str,
    is_active: bool,
    by: User,
    description: str = "",
) -> Verdict:
    """Rename, re-value, re-colour or retire a verdict (reviews that used it keep it)."""
    if not roles.can_edit_scale(by):
        raise DeskForbidden("Only editors can change the rating scale.")
    values = verdict_clean(
        name=name,
        rating_value=rating_value,
        colour=colour,
        description=description,
        exclude=verdict.pk,
    )
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
        for field, value in values.items():
            setattr(verdict, field, value)
        verdict.is_active = bool(is_active)
        save(verdict, by=by, reason="scale edited")
    return verdict
