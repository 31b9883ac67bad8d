"""The W3C Web Annotation test suite's JSON Schemas, as a validator for the export.

The suite (w3c/web-annotation-tests, copied into ``../shared/w3c-annotation-tests`` beside
the repository; see its SOURCE.md) lists, in each ``*Musts.test``, the draft-04 schemas a
conforming document must pass.  Its schemas refer to each other by bare file names, cased
differently at times, so a ``$ref`` is resolved by its last path segment, ignoring case.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.environment import IN_CI

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-annotation-tests"
ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"  # for a page, or a collection embedding one


def require_suite() -> None:
    """Skip (fail under CI, where the shared folder is always laid) without the suite."""
    if (SUITE / "definitions").is_dir():
        return
    reason = f"the W3C Web Annotation test suite is not at {SUITE} (../shared from the repo)"
    if IN_CI:
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


@cache
def _files() -> dict[str, Path]:
    return {path.name.lower(): path for path in SUITE.rglob("*.json")}


def _retrieve(uri: str) -> Resource[Any]:
    path = _files()[uri.rsplit("/", 1)[-1].lower()]
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT4)


@cache
def _validators(test_file: str) -> list[tuple[str, Draft4Validator]]:
    registry: Registry[Any] = Registry(retrieve=_retrieve)  # type: ignore[call-arg]
    assertions = json.loads((SUITE / test_file).read_text())["assertions"]
    found = []
    for assertion in assertions:
        schema = json.loads((SUITE / assertion).read_text())
        validator = Draft4Validator(
            schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        found.append((assertion, validator))
    return found


def _failures(test_file: str, document: Any, where: str) -> Iterator[str]:
    for assertion, validator in _validators(test_file):
        for error in validator.iter_errors(document):
            yield f"{where}: {assertion}: {error.message[:300]}"


def must_failures(collection: dict[str, Any]) -> list[str]:
    """Every MUST of the suite the collection, its page and each annotation fail.

    The page's MUSTs apply when there is a page (an empty collection has none).  An
    annotation in a page takes the collection's ``@context``; the annotation tests want
    it on the annotation itself, so each is checked as it would stand alone.
    """
    require_suite()
    found = list(_failures(COLLECTION_MUSTS, collection, "collection"))
    if "first" not in collection:
        return found
    found += _failures(PAGE_MUSTS, collection, "page")
    items = collection["first"].get("items", []) if isinstance(collection["first"], dict) else []
    for index, item in enumerate(items):
        alone = {"@context": collection.get("@context"), **item}
        found += _failures(ANNOTATION_MUSTS, alone, f"items[{index}]")
    return found


def uri_format_is_checked() -> bool:
    """jsonschema checks ``format: uri`` only with a URI parser installed (rfc3986-validator)."""
    checker = Draft4Validator.FORMAT_CHECKER
    return "uri" in checker.checkers and not checker.conforms("http://a b/<>", "uri")
