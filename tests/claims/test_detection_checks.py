"""A detector that cannot load in this installation is a system check error at start-up.

A bad name or threshold is refused earlier, when the settings are read:
tests/claimdesk/test_settings_read_once.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.checks import Error, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from claims.checks import DETECTOR_ERROR, check_detector_settings
from claims.detection import config
from claims.detection.config import DETECTORS, DetectorSpec, missing_modules


def errors(**overrides: str) -> list[Error]:
    with override_settings(**overrides):
        return [e for e in check_detector_settings() if isinstance(e, Error)]


@pytest.mark.parametrize("name", ["", "model", "features", " features "])
def test_good_values_pass(name: str) -> None:
    assert errors(CLAIMDESK_DETECTOR=name) == []


def test_an_unknown_detector_is_an_error_naming_the_setting_and_the_choices() -> None:
    [error] = errors(CLAIMDESK_DETECTOR="bert")
    assert error.id == DETECTOR_ERROR == "claims.E001"
    assert error.obj == "CLAIMDESK_DETECTOR"
    assert "'bert'" in error.msg
    assert all(name in error.msg for name in DETECTORS)


def test_a_detector_whose_extra_is_missing_is_an_error_naming_the_extra() -> None:
    if not missing_modules("encoder"):
        pytest.skip("the optional 'distill' extra is installed here")
    [error] = errors(CLAIMDESK_DETECTOR="encoder")
    assert error.id == DETECTOR_ERROR
    assert "'distill'" in error.msg and "torch" in error.msg


def test_a_detector_whose_model_file_is_missing_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gone = tmp_path / "model-claimbuster.npz"
    monkeypatch.setitem(config.DETECTORS, "model", DetectorSpec(DETECTORS["model"].target, (gone,)))
    [error] = errors(CLAIMDESK_DETECTOR="model")
    assert error.id == DETECTOR_ERROR
    assert str(gone) in error.msg


def test_the_check_runs_at_start_up_and_stops_manage_py() -> None:
    with override_settings(CLAIMDESK_DETECTOR="bert"):
        assert DETECTOR_ERROR in {message.id for message in run_checks()}
        with pytest.raises(SystemCheckError, match="CLAIMDESK_DETECTOR"):
            call_command("check")
    call_command("check")  # the defaults pass
