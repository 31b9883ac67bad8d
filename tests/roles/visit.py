"""Visiting a case: the request, and what is wrong with its answer for a role."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.roles.rules import ANN, EDITORS, MARK, MARKERS, STAFF, Case, may_read


def walk(patterns: Any = None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(route, name) of every URL pattern; the name is the route when the URL has none."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name or route


def template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def fill(value: Any, ids: dict[str, Any]) -> Any:
    """``{name}`` replaced by the world's ids; a value that is one placeholder keeps its type."""
    if isinstance(value, str):
        whole = re.fullmatch(r"\{([^{}]+)\}", value)
        if whole:
            return ids[whole.group(1)]
        return re.sub(r"\{([^{}]+)\}", lambda m: str(ids[m.group(1)]), value)
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


class Visitors:
    """One client per role, signed in once (outside the rolled-back requests)."""

    def __init__(self, users: dict[str, Any]) -> None:
        self.users = users
        self._clients: dict[str, APIClient] = {}

    def client(self, role: str) -> APIClient:
        if role not in self._clients:
            client = APIClient()
            if self.users.get(role) is not None:
                client.force_login(self.users[role])
            self._clients[role] = client
        return self._clients[role]


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode(errors="replace")


def _without_the_scale(text: str) -> str:
    """The page less what lists every verdict of the scale (styles, legend, choices)."""
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    text = re.sub(r'<dl class="legend-row".*?</dl>', "", text, flags=re.S)
    return re.sub(r'<fieldset class="verdict-options">.*?</fieldset>', "", text, flags=re.S)


def _request(case: Case, client: APIClient, ids: dict[str, Any], etag: str | None) -> Any:
    headers: dict[str, str] = {}
    if case.htmx:
        headers["HTTP_HX_REQUEST"] = "true"
    if etag:
        headers["HTTP_IF_MATCH"] = etag
    url = fill(case.url, ids)
    if case.method == "get":
        return client.get(url, **headers)
    body = fill(case.body, ids)
    if case.api:
        return getattr(client, case.method)(url, body, format="json", **headers)
    return getattr(client, case.method)(url, body or {}, **headers)


def _etag(case: Case, visitors: Visitors, ids: dict[str, Any]) -> str | None:
    """Whoever may read the object gives its ETag: its author, else staff."""
    if case.if_match is None:
        return None
    for reader in (ANN, STAFF):
        answer = visitors.client(reader).get(fill(case.if_match, ids))
        if answer.status_code == 200:
            return str(answer["ETag"])
    return None


def answer(case: Case, role: str, visitors: Visitors, world: dict[str, Any]) -> tuple[Any, str]:
    """The response and its text; whatever the request changed is rolled back."""
    # Clients sign in, and ETags are read, before the transaction that is rolled back.
    client, etag = visitors.client(role), _etag(case, visitors, world)
    cookies = copy.deepcopy(client.cookies)  # signing out must not last either
    with transaction.atomic():
        response = _request(case, client, world, etag)
        text = _text(response)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response, text


def check(
    case: Case, role: str, phase: str, visitors: Visitors, world: dict[str, Any]
) -> list[str]:
    """Problems with one request: a wrong status, hidden data shown, shown data missing."""
    response, text = answer(case, role, visitors, world)
    where = f"{case.method.upper()} {fill(case.url, world)}"
    wanted = case.expected(role, phase)
    problems = []
    if response.status_code != wanted:
        problems.append(f"{where}: {response.status_code}, expected {wanted}: {text[:200]!r}")
    if case.scale or "text/html" in response.get("Content-Type", ""):
        text = _without_the_scale(text)
    shown = _shown(case, role, phase) if response.status_code < 300 else ()
    for marker in MARKERS:
        if case.scale and marker.part == "final":
            continue
        readable = may_read(marker, role, phase, case.channel)
        if not readable and marker.text in text:
            problems.append(f"{where}: shows {marker.claim}'s {marker.part}, hidden from {role}")
        if readable and marker.name in shown and marker.text not in text:
            problems.append(f"{where}: {marker.claim}'s {marker.part} missing for {role}")
    return problems + _found(case, role, phase, world, response, where)


def _shown(case: Case, role: str, phase: str) -> tuple[str, ...]:
    shows = case.shows if role in EDITORS or case.below_editors is None else case.below_editors
    if phase == "blind" and not case.drafts:
        shows = tuple(m for m in shows if not m.endswith("ann2"))  # ann2's is a draft
    return shows


def _found(
    case: Case, role: str, phase: str, world: dict[str, Any], response: Any, where: str
) -> list[str]:
    """A filter by a hidden value must not tell it by which claims it lists."""
    if not case.finds or response.status_code != 200:
        return []
    marker = MARK[case.finds]
    listed = world[marker.claim] in {c["id"] for c in response.json()["results"]}
    guessed_right = f"{{verdict:{marker.claim}}}" in case.url
    readable = may_read(marker, role, phase, case.channel)
    if listed and not (guessed_right and readable):
        return [f"{where}: lists {marker.claim}, whose {marker.part} {role} may not read"]
    if guessed_right and readable and not listed:
        return [f"{where}: does not list {marker.claim} for {role}"]
    return []
