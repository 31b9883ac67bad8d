"""The seeded rating scale: values for ClaimReview, colours readable with their text colour."""

from __future__ import annotations

import pytest

from annotate.models import Verdict

pytestmark = pytest.mark.django_db


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_default_scale_is_seeded_in_order_with_rating_values():
    scale = list(Verdict.objects.values_list("position", "name", "rating_value"))
    assert scale == [
        (1, "True", 5),
        (2, "Mostly true", 4),
        (3, "Half true", 3),
        (4, "Mostly false", 2),
        (5, "False", 1),
        (6, "Misleading", 2),
        (7, "Unverifiable", None),
    ]


def test_every_verdict_chip_meets_wcag_aa_contrast():
    for verdict in Verdict.objects.all():
        assert _contrast(verdict.colour, verdict.text_colour) >= 4.5, verdict.name
