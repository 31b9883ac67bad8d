"""Every URL and every API operation, with every role, blind review in effect and not.

The cases are checked against the URL resolver and the OpenAPI schema: a URL or an
operation with no expectation here fails ``test_every_url_has_an_expectation`` or
``test_every_api_operation_has_an_expectation``, so a new endpoint cannot be forgotten.

Each (phase, role) test builds one world and visits every case.  Changes run inside a
transaction that is rolled back after each request, so every case sees the same world.
For every answer, whatever its status, the data the role may not read must be absent
(``Marker``); where the role may read it and the page shows it, it must be present, so
that the check of absence can fail.

The world: claims in each state, and two claims, X (decided) and Y (decided and
published), both assigned to the annotator (``ann``), who submitted a review of each,
and to the other annotator (``ann2``).  In the ``blind`` phase ann2 has a draft only
and is blind on both; in the ``submitted`` phase ann2 submitted before the decisions.
"""

from __future__ import annotations

import pytest
import yaml
from django.urls import resolve

from tests.roles.cases import all_cases, static_cases
from tests.roles.rules import ANN, ANN2, API_READ, ED, OUT, PHASES, ROLES, STAFF, Case
from tests.roles.visit import Visitors, check, fill, template, walk
from tests.roles.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitors(request: pytest.FixtureRequest) -> Visitors:
    fixtures = {OUT: "outsider", ANN: "annotator", ANN2: "annotator2", ED: "editor", STAFF: "staff"}
    return Visitors({role: request.getfixturevalue(name) for role, name in fixtures.items()})


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_its_answer_everywhere(visitors, role, phase):
    world = build_world(visitors.users, phase)
    problems = [p for case in all_cases(world) for p in check(case, role, phase, visitors, world)]
    assert not problems, f"{role}, {phase}:\n" + "\n".join(problems)


# Patterns no request reaches (name: a URL another pattern answers first); none today.
SHADOWED: dict[str, str] = {}


def _endpoint(url: str) -> str:
    match = resolve(url.split("?")[0])
    return match.view_name if match.url_name else match.route


def _uncovered(cases: list[Case], world: dict) -> list[str]:
    covered = {_endpoint(fill(case.url, world)) for case in cases}
    for name, url in SHADOWED.items():
        assert _endpoint(url) != name  # still shadowed, else it needs cases of its own
        covered.add(name)
    return sorted({name for _, name in walk()} - covered)


def test_every_url_has_an_expectation(visitors):
    world = build_world(visitors.users, "blind")
    missing = _uncovered(all_cases(world), world)
    assert not missing, f"URLs with no expectation: {missing}"


def _operations(visitors: Visitors) -> set[str]:
    schema = yaml.safe_load(visitors.client(STAFF).get("/api/schema/").content)
    return {
        f"{method} {template(path)}"
        for path, methods in schema["paths"].items()
        for method in methods
    }


def test_every_api_operation_has_an_expectation(visitors):
    operations = _operations(visitors)
    assert len(operations) > 30  # the whole schema was read
    missing = sorted(operations - {template(case.endpoint) for case in static_cases()})
    assert not missing, f"API operations with no expectation: {missing}"


def test_an_endpoint_without_an_expectation_is_noticed(visitors):
    """The coverage checks can fail: without the CSV export's case, both name it."""
    world = build_world(visitors.users, "blind")
    kept = [case for case in all_cases(world) if "/export/csv/" not in case.url]
    assert _uncovered(kept, world) == ["publishing-api:export-csv"]
    missing = _operations(visitors) - {template(case.endpoint) for case in kept}
    assert missing == {"get /api/export/csv/"}


def test_the_check_finds_a_leak(visitors):
    """The matrix can fail: an answer that lacks what the role may read is reported (ann2
    reads X's claim as if they had submitted their review, and its verdict is missing)."""
    world = build_world(visitors.users, "blind")
    case = Case(
        "get", "/api/claims/{X}/", API_READ, "get /api/claims/{id}/", api=True, shows=("X-final",)
    )
    assert check(case, ANN2, "blind", visitors, world) == []
    assert check(case, ANN2, "submitted", visitors, world) == [
        f"GET /api/claims/{world['X']}/: X's final missing for ann2"
    ]
    assert check(case, ED, "blind", visitors, world) == []
