"""No function in the apps takes a person or a request typed ``Any``.

mypy's flags cannot forbid ``Any`` by parameter name (``disallow_any_explicit`` would
also forbid it in ``**kwargs: Any`` and JSON values), so this reads the signatures.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "annotate", "claimdesk", "claims", "dashboard", "publishing")
PEOPLE = {"user", "by", "actor", "editor", "reviewer", "reviewers", "created_by", "request"}


def _loose(annotation: ast.expr | None) -> bool:
    """``Any``, ``Any | None``, ``list[Any]`` and the like."""
    if annotation is None:
        return True
    return any(isinstance(n, ast.Name) and n.id == "Any" for n in ast.walk(annotation))


def loose_parameters(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        args = node.args
        for arg in args.posonlyargs + args.args + args.kwonlyargs:
            if arg.arg in PEOPLE and _loose(arg.annotation):
                found.append(f"{node.name}({arg.arg}) line {node.lineno}")
    return found


def test_the_guard_catches_a_user_typed_any() -> None:
    source = "def f(*, user: Any, by: list[Any], request) -> None: ...\ndef g(user: User): ..."
    assert loose_parameters(source) == ["f(user) line 1", "f(by) line 1", "f(request) line 1"]


@pytest.mark.parametrize("app", APPS)
def test_no_person_or_request_parameter_is_typed_any(app: str) -> None:
    problems = [
        f"{path.relative_to(ROOT)}: {where}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for where in loose_parameters(path.read_text(encoding="utf-8"))
    ]
    assert problems == []
