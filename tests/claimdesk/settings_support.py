"""Reading claimdesk/settings.py under a chosen environment, in this process or a new one.

The settings module is read once per process, so a test either executes it afresh
(``read_settings``) or starts a process with exactly the environment it gives
(``process_env``).
"""

from __future__ import annotations

import os
import runpy
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3J!x9@pQ2#vL7$wN5%zR8^tY4&uB6*eC1(oM0)aS-dF_gH+jK=lZ"


def process_env(env: dict[str, str]) -> dict[str, str]:
    """The whole environment of a child process: ``env`` and only what a process needs."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "claimdesk.settings",
        **env,
    }


def _cleared(name: str, clear: tuple[str, ...] | None) -> bool:
    if clear is None:
        return name.isupper() and name not in ("PATH", "HOME")
    return name.startswith(clear)


def read_settings(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], *, clear: tuple[str, ...] | None = None
) -> dict[str, object]:
    """Execute claimdesk/settings.py afresh with ``env`` set, as start-up would.

    Every other upper-case variable but PATH and HOME is removed first, so the settings
    see exactly ``env``; with ``clear``, only the variables whose names start with one
    of those prefixes are (the rest of the test run's environment stays).
    """
    for name in list(os.environ):
        if _cleared(name, clear):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "claimdesk" / "settings.py"))


def run_at_once(
    runs: dict[str, tuple[list[str], dict[str, str]]], *, timeout: float = 300
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run each ``name: (argv, env)`` from the repository at the same time (each mostly
    waits on imports), with ``env`` over the cleared environment of ``process_env``."""
    procs = {
        name: subprocess.Popen(
            argv,
            cwd=REPO,
            env=process_env(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (argv, env) in runs.items()
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=timeout)
        results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return results
