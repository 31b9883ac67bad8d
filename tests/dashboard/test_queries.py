"""Query counts: each dashboard page costs the same number of queries whatever the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboard.desks import build_desk
from tests.factories import ArticleFactory, article_text, assign

pytestmark = pytest.mark.django_db

# The editor's page: filter choices (2), backlog (1), pending articles (1-2), throughput (1),
# turnaround (1 on PostgreSQL; count + 2 ordered OFFSET reads elsewhere), verdicts (2),
# agreement (3), disagreements (3), detector (1), own queue (1-2), plus session, user,
# permissions, the figures' read transaction (a savepoint inside the test's transaction,
# and on PostgreSQL its two SET LOCALs).
DESK_MAX = {"postgresql": 24, "sqlite": 24}
MINE_MAX = 9


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(editor: Any, annotator: Any, annotator2: Any, offset: int) -> None:
    build_desk(3, editor, annotator, annotator2, publisher=f"Publisher {offset}", offset=offset)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?date_from=2000-01-01&date_to=2100-01-01",
        "?reviewer={ann}",
        "?publisher=Publisher%2010",
    ],
)
def test_the_overview_costs_the_same_queries_for_a_small_and_a_larger_desk(
    client: Any, editor: Any, annotator: Any, annotator2: Any, query: str
) -> None:
    url = "/dashboard/desk/" + query.format(ann=annotator.pk)
    client.force_login(editor)
    build_desk(1, editor, annotator, annotator2, publisher="Publisher 10", offset=10)
    small = _count(client, url)
    _grow(editor, annotator, annotator2, offset=20)
    _grow(editor, annotator, annotator2, offset=30)
    large = _count(client, url)
    assert small == large
    assert large <= DESK_MAX[connection.vendor]


def test_an_empty_overview_costs_no_more_than_a_full_one(client: Any, editor: Any) -> None:
    client.force_login(editor)
    assert _count(client, "/dashboard/desk/") <= DESK_MAX[connection.vendor]


def test_the_queue_costs_the_same_queries_for_3_and_30_claims(
    client: Any, editor: Any, annotator: Any
) -> None:
    client.force_login(annotator)

    def add(n: int, offset: int) -> None:
        for i in range(n):
            article = ArticleFactory(body=article_text(100 + offset + i, sentences=3))
            for claim in article.claims.all():
                assign(claim, editor, annotator)

    add(1, 0)
    small = _count(client, "/dashboard/")
    add(10, 1)
    large = _count(client, "/dashboard/")
    assert small == large <= MINE_MAX
