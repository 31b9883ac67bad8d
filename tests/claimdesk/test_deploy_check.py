"""``manage.py check --deploy`` passes on the production defaults and fails on the
development ones; each run is a real process with exactly the environment given."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.claimdesk.settings_support import GOOD_KEY, run_at_once

CHECK = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "claims.example.org"}
RUNS = {
    "production": PRODUCTION,
    "behind a proxy": {**PRODUCTION, "USE_X_FORWARDED_PROTO": "true"},
    "development": {},
    "no redirect": {**PRODUCTION, "SECURE_SSL_REDIRECT": "false"},
    "no hsts": {**PRODUCTION, "SECURE_HSTS_SECONDS": "0"},
}


@pytest.fixture(scope="module")
def checked() -> dict[str, subprocess.CompletedProcess[str]]:
    """Every check of this module at once: each mostly waits on imports."""
    return run_at_once({name: (CHECK, env) for name, env in RUNS.items()})


@pytest.mark.parametrize("name", ["production", "behind a proxy"])
def test_the_production_defaults_pass_the_deploy_check_without_a_warning(checked, name):
    result = checked[name]
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_development_defaults_fail_it_naming_each_problem(checked):
    result = checked["development"]
    assert result.returncode != 0
    for check in ("W004", "W008", "W012", "W016", "W018"):
        assert f"(security.{check})" in result.stderr, check


@pytest.mark.parametrize(
    ("name", "check"), [("no redirect", "security.W008"), ("no hsts", "security.W004")]
)
def test_turning_a_protection_off_from_the_environment_is_reported(checked, name, check):
    result = checked[name]
    assert result.returncode != 0
    assert f"({check})" in result.stderr
