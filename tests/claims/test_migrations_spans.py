"""Migrations 0004-0006 on a database that already holds duplicate claims."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("claims", "0003_article_publisher_index")]
AFTER = [("claims", "0006_recount_claims")]


def migrate(targets: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_duplicates_are_dismissed_keeping_the_claim_furthest_along_and_counts_are_redone():
    apps = migrate(BEFORE)
    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    body = "The toll rose to 13,000 in 2014. Prices fell by 7%."
    article = Article.objects.create(title="t", body=body, content_sha256="0" * 64, claim_count=9)

    def claim(start: int, end: int, **fields: object) -> int:
        return Claim.objects.create(
            article=article, start=start, end=end, quote=body[start:end], **fields
        ).pk

    first, second = (0, 32), (33, 51)
    proposal = claim(*first, origin="detected")
    in_review = claim(*first, origin="manual", status="in_review", version=2)
    dismissed = claim(*first, origin="manual", status="dismissed", version=2)
    manual = claim(*second, origin="manual")
    proposal_2 = claim(*second, origin="detected")
    try:
        apps = migrate(AFTER)
        Claim = apps.get_model("claims", "Claim")
        HistoricalClaim = apps.get_model("claims", "HistoricalClaim")
        status = dict(Claim.objects.values_list("pk", "status"))
        assert status == {
            proposal: "dismissed",
            in_review: "in_review",
            dismissed: "dismissed",
            manual: "new",
            proposal_2: "dismissed",
        }
        dropped = Claim.objects.get(pk=proposal)
        assert dropped.dismiss_reason.startswith(f"Duplicate of claim #{in_review}")
        assert dropped.version == 2  # a decision, which the detector leaves alone
        entry = HistoricalClaim.objects.get(id=proposal)
        assert (entry.history_type, entry.status) == ("~", "dismissed")
        assert entry.history_change_reason == f"dismissed: duplicate of claim #{in_review}"
        assert Claim.objects.get(pk=proposal_2).dismiss_reason.startswith(
            f"Duplicate of claim #{manual}"
        )
        assert apps.get_model("claims", "Article").objects.get(pk=article.pk).claim_count == 2
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
