"""JSON from outside the site, read with the limits the standard library leaves out.

Every door that reads JSON (the API's parser, ``import_articles``, the ClaimReview
import) calls :func:`loads`, so that no input can turn into a server error:

* Python's decoder recurses once per nesting level, so a few hundred nested
  brackets exhaust the interpreter's stack (``RecursionError``).  Nesting is
  counted first, without recursion, and refused past :data:`MAX_DEPTH`.
* An integer literal over Python's 4,300-digit conversion limit raises a bare
  ``ValueError``, and ``1e999`` becomes ``inf``, which no JSON column can store.
* ``"\\ud800"`` decodes to a lone surrogate, a ``str`` that cannot be encoded,
  and ``"\\u0000"`` to NUL, which PostgreSQL refuses in text and ``jsonb``.

No Django here: callers turn :class:`JSONRejected` into their own error.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

# Claimdesk's own payloads nest three levels at most and ClaimReview JSON-LD about
# eight; 64 leaves room for any real document while staying far below Python's
# recursion limit (1,000), which the code that later re-serialises, validates
# and stores the value (DRF, JSONField, exports) must not reach either.
MAX_DEPTH = 64

# A JSON string, escapes included: brackets inside it are text, not structure.  It
# matches from every opening quote, closed or not (an unclosed one runs to the end),
# and possessively, so no input makes the scan retry: linear time on any text.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
# The only ways NUL or a surrogate can be in decoded JSON: an escape, or the character
# itself in text that was decoded leniently.  Without either the value need not be walked.
_NOT_TEXT_SOURCE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})|[\x00\ud800-\udfff]")
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


class JSONRejected(ValueError):
    """JSON that cannot be accepted.

    ``where`` is the path of the bad value (``body``, ``[3].author.name``) when the
    JSON parsed; ``line`` and ``column`` locate a syntax error (0 when unknown).
    """

    def __init__(self, message: str, *, where: str = "", line: int = 0, column: int = 0) -> None:
        self.message, self.where, self.line, self.column = message, where, line, column
        super().__init__(f"{where}: {message}" if where else f"{message} {self.position}".strip())

    @property
    def position(self) -> str:
        return f"at line {self.line} column {self.column}" if self.line else ""


def loads(text: str, *, max_depth: int = MAX_DEPTH, check_text: bool = True) -> Any:
    """Parse ``text`` as strict JSON or raise :class:`JSONRejected` saying what and where.

    ``check_text=False`` leaves NUL and surrogates for the caller to find with
    :func:`first_non_text` (to refuse one document of many, say).
    """
    _check_depth(text, max_depth)
    try:
        value = json.loads(text, parse_float=_parse_float, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise JSONRejected(
            f"not valid JSON ({error.msg.removesuffix(' at')})",
            line=error.lineno,
            column=error.colno,
        ) from None
    except ValueError as error:
        if isinstance(error, JSONRejected):
            raise
        # The only other ValueError the decoder raises: an integer past Python's
        # digit limit.  Checked here rather than by a parse_int hook, which would
        # cost a Python call per number.
        raise JSONRejected(
            f"a number has more than {sys.get_int_max_str_digits():,} digits, "
            "more than this server reads"
        ) from None
    problem = first_non_text(value) if check_text and _NOT_TEXT_SOURCE.search(text) else None
    if problem is not None:
        raise JSONRejected(problem[1], where=problem[0])
    return value


def _check_depth(text: str, limit: int) -> None:
    if text.count("[") + text.count("{") <= limit:
        return  # cannot nest deeper than it has brackets: the common case costs two scans
    brackets = _NOT_BRACKETS.sub("", _STRING.sub("", text))
    depths = accumulate(1 if bracket in "[{" else -1 for bracket in brackets)
    if any(depth > limit for depth in depths):  # stops at the first level too deep
        raise JSONRejected(f"nested more than {limit} levels deep")


def _parse_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise JSONRejected(f"the number {literal[:40]} is out of range")
    return value


def _no_constant(name: str) -> None:
    raise JSONRejected(f"{name} is not a JSON value")


def first_non_text(value: Any) -> tuple[str, str] | None:
    """(path, problem) of the first key or string holding NUL or a lone surrogate."""
    for path, text in _strings(value):
        found = _NOT_TEXT.search(text)
        if found is not None:
            char = found.group()
            what = "NUL" if char == "\x00" else "a lone surrogate"
            return path or "document", f"contains U+{ord(char):04X} ({what}), which is not text"
    return None


def _strings(value: Any) -> Iterator[tuple[str, str]]:
    # Iterative on purpose: the value may be as deep as MAX_DEPTH allows, and
    # callers may pass values that did not come through loads().
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            yield path, item
        elif isinstance(item, dict):
            children = [
                (f"{path}.{_shown(key)}" if path else _shown(key), key, inner)
                for key, inner in item.items()
            ]
            for child, key, _ in children:
                yield child, str(key)
            stack.extend((child, inner) for child, _, inner in reversed(children))
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", inner) for i, inner in reversed(list(enumerate(item))))


def _shown(key: object) -> str:
    """A key as it can appear in a message: NUL and surrogates escaped, so it can be encoded."""
    return _NOT_TEXT.sub(lambda found: f"\\u{ord(found.group()):04x}", str(key))
