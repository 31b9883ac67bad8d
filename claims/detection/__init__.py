"""Check-worthiness detection behind one interface (pure Python, no Django).

``get_detector()`` returns the configured detector.  The choice comes from the
``CLAIMDESK_DETECTOR`` environment variable, so that workers, the web process
and stand-alone scripts agree without Django; ``claimdesk/settings.py`` refuses a
bad name or threshold at start-up and ``claims/checks.py`` a detector that cannot
load in this installation.

The run-time detector (this package) imports nothing from ``training/``, where
the model is fitted, evaluated and its embeddings distilled.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import import_module

from .base import CLAIM_TYPE_LABELS, CLAIM_TYPES, SPAN_KINDS, Detection, Detector
from .config import DEFAULT_DETECTOR, DETECTOR_SETTING, DETECTORS, detector_name, detector_spec

__all__ = [
    "CLAIM_TYPES",
    "CLAIM_TYPE_LABELS",
    "DEFAULT_DETECTOR",
    "SPAN_KINDS",
    "Detection",
    "Detector",
    "available_detectors",
    "get_detector",
]


def available_detectors() -> dict[str, str]:
    """Names accepted by ``CLAIMDESK_DETECTOR`` mapped to their import paths."""
    return {name: spec.target for name, spec in DETECTORS.items()}


@cache
def _load(name: str) -> Detector:
    spec = detector_spec(name)
    module_name, _, attr = spec.target.partition(":")
    detector: Detector = getattr(import_module(module_name), attr)()
    return detector


def get_detector(name: str | None = None) -> Detector:
    """Return the configured detector, loaded once per process."""
    return _load(name or detector_name(os.environ.get(DETECTOR_SETTING)))
