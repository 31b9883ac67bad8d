"""Every setting is read once, in claimdesk/settings.py; the detector's are checked at start-up."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.claimdesk.settings_support import REPO, read_settings

# Only the project's own variables are cleared before each read; the rest of the
# environment stays as the test run has it.
SETTINGS_PREFIXES = ("CLAIMDESK_", "DEMO_")
APPS = ["accounts", "annotate", "claimdesk", "claims", "dashboard", "publishing"]
# The only modules that read the environment: the typed helpers settings.py uses, and
# the detection core's two readers (it runs without Django; settings.py calls them).
READS_ENVIRONMENT = {
    "claimdesk/env.py",
    "claims/detection/__init__.py",
    "claims/detection/config.py",
    # Training tools only (management commands): where the ClaimBuster data lies.
    "claims/detection/training/datasets.py",
}
# Reads only: the detection core *sets* a few variables for the libraries it drives.
ENV_READ = re.compile(r"os\.environ\.get\(|os\.getenv\(|\benv\(|os\.environ\[[^]]+\](?!\s*=)")


def app_sources() -> list[tuple[str, str]]:
    return [
        (path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"))
        for app in APPS
        for path in sorted((REPO / app).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_no_app_module_repeats_a_settings_default():
    offenders = [name for name, text in app_sources() if "getattr(settings" in text]
    assert offenders == []


def test_only_the_settings_helpers_and_the_detector_read_the_environment():
    offenders = [
        name
        for name, text in app_sources()
        if ENV_READ.search(text)
        and name not in READS_ENVIRONMENT
        and name != "claimdesk/settings.py"
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CLAIMDESK_DETECTOR": "bert"}, "Unknown detector 'bert' in CLAIMDESK_DETECTOR"),
        ({"CLAIMDESK_DETECTOR_THRESHOLD": "high"}, "must be a number, not 'high'"),
        ({"CLAIMDESK_DETECTOR_THRESHOLD": "1.5"}, "must lie in [0, 1], not 1.5"),
    ],
)
def test_a_bad_detector_setting_stops_start_up(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured) as caught:
        read_settings(monkeypatch, env, clear=SETTINGS_PREFIXES)
    assert message in str(caught.value)


def test_the_detector_settings_default_to_the_model_and_its_own_threshold(monkeypatch):
    values = read_settings(monkeypatch, {}, clear=SETTINGS_PREFIXES)
    assert values["CLAIMDESK_DETECTOR"] == "model"
    assert values["CLAIMDESK_DETECTOR_THRESHOLD"] is None
    values = read_settings(
        monkeypatch,
        {"CLAIMDESK_DETECTOR": "features", "CLAIMDESK_DETECTOR_THRESHOLD": "0.3"},
        clear=SETTINGS_PREFIXES,
    )
    assert values["CLAIMDESK_DETECTOR"] == "features"
    assert values["CLAIMDESK_DETECTOR_THRESHOLD"] == 0.3


def test_demo_passwords_come_from_the_settings_with_their_defaults(monkeypatch):
    values = read_settings(
        monkeypatch, {"DEMO_EDITOR_PASSWORD": "s3cret-editor"}, clear=SETTINGS_PREFIXES
    )
    assert values["CLAIMDESK_DEMO_PASSWORDS"] == {
        "annotator": "annotator-demo-pass",
        "annotator2": "annotator2-demo-pass",
        "editor": "s3cret-editor",
        "admin": "admin-demo-pass",
    }
