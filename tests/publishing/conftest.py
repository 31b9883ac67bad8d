"""Fixtures of the publishing tests: a published claim on an article with characters
outside the BMP, shared by the exports' tests."""

from __future__ import annotations

from typing import Any

import pytest

from annotate import services
from claims.models import Article
from tests.factories import ArticleFactory, publish_reviewed, span_of
from tests.publishing.support import BODY


@pytest.fixture
def emoji_article() -> Article:
    return ArticleFactory(
        body=BODY, title="Émoji", url="https://news.example/a", publisher="Example News"
    )


@pytest.fixture
def emoji_claim(emoji_article, annotator, editor, verdict_false) -> Any:
    start, end = span_of(emoji_article)
    claim = services.claim_mark(
        article=emoji_article,
        start=start,
        end=end,
        by=annotator,
        claimant='=HYPERLINK("http://evil")',
    )
    services.source_add(
        claim=claim,
        by=annotator,
        url="https://un.example/report",
        title="+Report",
        stance="refutes",
    )
    return publish_reviewed(claim, annotator, editor, verdict_false, "-The UN counts 14,000.")
