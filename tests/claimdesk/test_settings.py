"""Settings from the environment: typed helpers that fail loudly, production refusing dev defaults.

Start-up is checked in a subprocess with a controlled environment, because the
settings module is read once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from claimdesk.env import env_bool, env_float, env_int, env_list, env_str
from tests.claimdesk.settings_support import GOOD_KEY, read_settings, run_at_once

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
    "'EAGER': s.CELERY_TASK_ALWAYS_EAGER, 'MAX': s.CLAIMDESK_MAX_ARTICLE_BYTES, "
    "'SECURE': s.SESSION_COOKIE_SECURE, 'ENGINE': s.DATABASES['default']['ENGINE']}))"
)


SETUP = [sys.executable, "-c", "import django; django.setup()"]
SHOW = [sys.executable, "-c", PRINT_SETTINGS]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "claims.example.org, www.example.org",
    "REDIS_URL": "redis://localhost:6379/0",
    "CLAIMDESK_MAX_ARTICLE_BYTES": "5000",
}
REFUSED = {
    "no key": (
        {"ALLOWED_HOSTS": "claims.example.org"},
        "SECRET_KEY is missing or is the development key",
    ),
    "empty key": (
        {"SECRET_KEY": "", "ALLOWED_HOSTS": "claims.example.org"},
        "SECRET_KEY is missing or is the development key",
    ),
    "insecure key": (
        {"SECRET_KEY": "django-insecure-" + "x1y2z3" * 10, "ALLOWED_HOSTS": "claims.example.org"},
        "SECRET_KEY is missing or is the development key",
    ),
    "short key": (
        {"SECRET_KEY": "hunter2", "ALLOWED_HOSTS": "claims.example.org"},
        "SECRET_KEY is weak",
    ),
    "repetitive key": (
        {"SECRET_KEY": "ab" * 40, "ALLOWED_HOSTS": "claims.example.org"},
        "SECRET_KEY is weak",
    ),
    "no hosts": ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS is empty"),
    "blank hosts": ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": " , ,"}, "ALLOWED_HOSTS is empty"),
}
UNREADABLE = {
    "debug": ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
    "size": (
        {"CLAIMDESK_MAX_ARTICLE_BYTES": "1MB"},
        "CLAIMDESK_MAX_ARTICLE_BYTES='1MB' is not a whole",
    ),
    "minimum": (
        {"CLAIMDESK_MAX_ARTICLE_BYTES": "0"},
        "CLAIMDESK_MAX_ARTICLE_BYTES=0 must be at least 1",
    ),
    "float": ({"CLAIMDESK_SWEEP_EVERY_SECONDS": "often"}, "CLAIMDESK_SWEEP_EVERY_SECONDS='often'"),
}
# A few start-ups in a real process; the full matrix re-reads the settings in-process below.
RUNS: dict[str, tuple[list[str], dict[str, str]]] = {
    "default": (SHOW, {}),
    "production": (SHOW, PRODUCTION),
    "everything missing": (SETUP, {"DEBUG": "false"}),
    "manage.py check": (
        [sys.executable, "manage.py", "check"],
        {"DEBUG": "false", "SECRET_KEY": "short"},
    ),
    "unreadable debug": (SETUP, {"DEBUG": "maybe"}),
}


@pytest.fixture(scope="module")
def started() -> dict[str, subprocess.CompletedProcess[str]]:
    """Every start-up of this module, run at once: each one mostly waits on imports."""
    return run_at_once(RUNS, timeout=120)


# --- start-up ---------------------------------------------------------------------------------


def test_with_no_environment_it_starts_as_the_embedded_development_site(started):
    result = started["default"]
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is True
    assert values["EAGER"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert "localhost" in values["ALLOWED_HOSTS"]
    assert values["SECURE"] is False


def test_with_debug_false_and_real_values_it_starts_in_production_shape(started):
    result = started["production"]
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["claims.example.org", "www.example.org"]
    assert values["EAGER"] is False
    assert values["MAX"] == 5000
    assert values["SECURE"] is True


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_with_debug_false_it_refuses_development_defaults(monkeypatch, case):
    env, message = REFUSED[case]
    with pytest.raises(ImproperlyConfigured) as caught:
        read_settings(monkeypatch, {"DEBUG": "false", **env})
    assert str(caught.value).startswith("Refusing to start with DEBUG=false")
    assert message in str(caught.value)


def test_reading_the_settings_in_process_accepts_production_values(monkeypatch):
    values = read_settings(monkeypatch, PRODUCTION)
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == GOOD_KEY


def test_with_debug_false_start_up_stops_with_a_clear_message(started):
    result = started["everything missing"]
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: Refusing to start" in result.stderr


def test_it_names_every_problem_at_once(started):
    result = started["everything missing"]
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr
    assert "ALLOWED_HOSTS is empty" in result.stderr


def test_manage_py_check_stops_with_the_same_message(started):
    result = started["manage.py check"]
    assert result.returncode != 0
    assert "SECRET_KEY is weak" in result.stderr
    assert "ALLOWED_HOSTS is empty" in result.stderr


def test_debug_maybe_stops_start_up_naming_the_variable(started):
    result = started["unreadable debug"]
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG='maybe' is not a boolean" in result.stderr


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_a_value_it_cannot_read_stops_start_up_naming_the_variable(monkeypatch, case):
    env, message = UNREADABLE[case]
    with pytest.raises(ImproperlyConfigured) as caught:
        read_settings(monkeypatch, env)
    assert message in str(caught.value)


# --- task timing ------------------------------------------------------------------------------

CONTRADICTORY_TIMING = {
    "soft not below hard": (
        {"CELERY_TASK_SOFT_TIME_LIMIT": "30", "CELERY_TASK_TIME_LIMIT": "30"},
        "CELERY_TASK_SOFT_TIME_LIMIT=30 must be below CELERY_TASK_TIME_LIMIT=30",
    ),
    "visibility below a held message": (
        {"CELERY_VISIBILITY_TIMEOUT": "40"},
        "CELERY_VISIBILITY_TIMEOUT=40 must be above "
        "CELERY_TASK_TIME_LIMIT + CLAIMDESK_TASK_RETRY_BACKOFF_MAX = 50",
    ),
    "back-off past the visibility": (
        {"CLAIMDESK_TASK_RETRY_BACKOFF_MAX": "120"},
        "CELERY_VISIBILITY_TIMEOUT=90 must be above",
    ),
}


def test_the_default_timing_lets_a_killed_workers_message_return_within_two_minutes(
    monkeypatch,
):
    values = read_settings(monkeypatch, {})
    options = values["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert isinstance(options, dict)
    # Redelivered once older than the timeout, found by the next restore sweep, which waits
    # out the sweep lock when the killed worker died holding it (kombu's own expiry: 300 s).
    returns_within = (
        options["visibility_timeout"]
        + options["unacked_restore_interval"]
        + options["unacked_mutex_expire"]
    )
    assert returns_within <= 120
    assert options["unacked_restore_throttle"] == 1
    assert (
        values["CELERY_TASK_TIME_LIMIT"] + values["CLAIMDESK_TASK_RETRY_BACKOFF_MAX"]
        < (options["visibility_timeout"])
    )


@pytest.mark.parametrize("case", sorted(CONTRADICTORY_TIMING))
def test_contradictory_task_timing_stops_start_up(monkeypatch, case):
    env, message = CONTRADICTORY_TIMING[case]
    with pytest.raises(ImproperlyConfigured) as caught:
        read_settings(monkeypatch, env)
    assert message in str(caught.value)


# --- the helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("CD_TEST_FLAG", raw)
    assert env_bool("CD_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "yess", "enabled", "t"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("CD_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="CD_TEST_FLAG"):
        env_bool("CD_TEST_FLAG", False)


def test_unset_variables_take_their_defaults(monkeypatch):
    for name in ("CD_B", "CD_I", "CD_F", "CD_L", "CD_S"):
        monkeypatch.delenv(name, raising=False)
    assert env_bool("CD_B", True) is True
    assert env_int("CD_I", 7) == 7
    assert env_float("CD_F", 1.5) == 1.5
    assert env_list("CD_L", "a,b") == ["a", "b"]
    assert env_str("CD_S", "x") == "x"


def test_env_int_reads_whole_numbers_and_enforces_the_minimum(monkeypatch):
    monkeypatch.setenv("CD_I", " 42 ")
    assert env_int("CD_I", 0) == 42
    monkeypatch.setenv("CD_I", "")
    assert env_int("CD_I", 5) == 5
    for raw in ("4.5", "ten", "1e3"):
        monkeypatch.setenv("CD_I", raw)
        with pytest.raises(ImproperlyConfigured, match="is not a whole number"):
            env_int("CD_I", 0)
    monkeypatch.setenv("CD_I", "-1")
    with pytest.raises(ImproperlyConfigured, match="must be at least 0"):
        env_int("CD_I", 0, minimum=0)


def test_env_float_refuses_what_is_not_a_number(monkeypatch):
    monkeypatch.setenv("CD_F", "2.5")
    assert env_float("CD_F", 0.0) == 2.5
    monkeypatch.setenv("CD_F", "soon")
    with pytest.raises(ImproperlyConfigured, match="CD_F='soon' is not a number"):
        env_float("CD_F", 0.0)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("CD_L", " a.example.org , ,b.example.org,")
    assert env_list("CD_L") == ["a.example.org", "b.example.org"]
    monkeypatch.setenv("CD_L", "")
    assert env_list("CD_L", "ignored") == []
