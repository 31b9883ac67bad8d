"""The detector's settings are refused at start-up (system checks), not at the first sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.checks import Error, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from claims.checks import DETECTOR_ERROR, THRESHOLD_ERROR, check_detector_settings
from claims.detection import config
from claims.detection.config import DETECTORS, DetectorSpec, missing_modules


def errors(**overrides: str) -> list[Error]:
    with override_settings(**overrides):
        return [e for e in check_detector_settings() if isinstance(e, Error)]


@pytest.mark.parametrize("name", ["", "model", "features", " features "])
@pytest.mark.parametrize("threshold", ["", "0", "0.35", "1", " 0.5 "])
def test_good_values_pass(name: str, threshold: str) -> None:
    assert errors(CLAIMDESK_DETECTOR=name, CLAIMDESK_DETECTOR_THRESHOLD=threshold) == []


def test_an_unknown_detector_is_an_error_naming_the_setting_and_the_choices() -> None:
    [error] = errors(CLAIMDESK_DETECTOR="bert", CLAIMDESK_DETECTOR_THRESHOLD="")
    assert error.id == DETECTOR_ERROR == "claims.E001"
    assert error.obj == "CLAIMDESK_DETECTOR"
    assert "'bert'" in error.msg
    assert all(name in error.msg for name in DETECTORS)


@pytest.mark.parametrize(
    ("raw", "said"),
    [("high", "must be a number"), ("1.5", "in [0, 1]"), ("-0.1", "in [0, 1]"), ("nan", "[0, 1]")],
)
def test_a_bad_threshold_is_an_error_naming_the_setting(raw: str, said: str) -> None:
    [error] = errors(CLAIMDESK_DETECTOR="model", CLAIMDESK_DETECTOR_THRESHOLD=raw)
    assert error.id == THRESHOLD_ERROR == "claims.E002"
    assert error.obj == "CLAIMDESK_DETECTOR_THRESHOLD"
    assert "CLAIMDESK_DETECTOR_THRESHOLD" in error.msg and said in error.msg


def test_a_detector_whose_extra_is_missing_is_an_error_naming_the_extra() -> None:
    if not missing_modules("encoder"):
        pytest.skip("the optional 'distill' extra is installed here")
    [error] = errors(CLAIMDESK_DETECTOR="encoder", CLAIMDESK_DETECTOR_THRESHOLD="")
    assert error.id == DETECTOR_ERROR
    assert "'distill'" in error.msg and "torch" in error.msg


def test_a_detector_whose_model_file_is_missing_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gone = tmp_path / "model-claimbuster.npz"
    monkeypatch.setitem(config.DETECTORS, "model", DetectorSpec(DETECTORS["model"].target, (gone,)))
    [error] = errors(CLAIMDESK_DETECTOR="model", CLAIMDESK_DETECTOR_THRESHOLD="")
    assert error.id == DETECTOR_ERROR
    assert str(gone) in error.msg


def test_the_check_runs_at_start_up_and_stops_manage_py() -> None:
    with override_settings(CLAIMDESK_DETECTOR="bert", CLAIMDESK_DETECTOR_THRESHOLD="high"):
        ids = {message.id for message in run_checks()}
        assert {DETECTOR_ERROR, THRESHOLD_ERROR} <= ids
        with pytest.raises(SystemCheckError, match="CLAIMDESK_DETECTOR_THRESHOLD"):
            call_command("check")
    call_command("check")  # the defaults pass
