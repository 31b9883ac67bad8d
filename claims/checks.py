"""System checks: the detector's settings are refused at start-up, not at the first sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error

from claims.detection.config import (
    DETECTOR_SETTING,
    THRESHOLD_SETTING,
    detector_problems,
    parse_threshold,
)

DETECTOR_ERROR = "claims.E001"
THRESHOLD_ERROR = "claims.E002"


def check_detector_settings(
    *,
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """``CLAIMDESK_DETECTOR`` names a detector that can load; the threshold lies in [0, 1].

    Cheap: nothing is loaded, so a Celery parent that runs the checks and then
    forks its pool never holds a model (nor PyTorch's threads).
    """
    errors: list[CheckMessage] = [
        Error(
            problem,
            hint=f"Set {DETECTOR_SETTING} in the environment (see .env.example).",
            obj=DETECTOR_SETTING,
            id=DETECTOR_ERROR,
        )
        for problem in detector_problems(settings.CLAIMDESK_DETECTOR)
    ]
    try:
        parse_threshold(settings.CLAIMDESK_DETECTOR_THRESHOLD)
    except ValueError as exc:
        errors.append(
            Error(
                str(exc),
                hint=f"Leave {THRESHOLD_SETTING} empty for the detector's own threshold.",
                obj=THRESHOLD_SETTING,
                id=THRESHOLD_ERROR,
            )
        )
    return errors
