"""System checks: the configured detector can load here (its optional extra, its files).

Its name and threshold are refused earlier still, when the settings are read
(claimdesk/settings.py); this check reports what only the installation can tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error

from claims.detection.config import DETECTOR_SETTING, detector_problems

DETECTOR_ERROR = "claims.E001"


def check_detector_settings(
    *,
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """``CLAIMDESK_DETECTOR`` names a detector that can load in this installation.

    Cheap: nothing is loaded, so a Celery parent that runs the checks and then
    forks its pool never holds a model (nor PyTorch's threads).
    """
    return [
        Error(
            problem,
            hint=f"Set {DETECTOR_SETTING} in the environment (see .env.example).",
            obj=DETECTOR_SETTING,
            id=DETECTOR_ERROR,
        )
        for problem in detector_problems(settings.CLAIMDESK_DETECTOR)
    ]
