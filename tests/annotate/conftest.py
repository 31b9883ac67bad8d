"""Fixtures for the desk: a processed article, the rating scale, claims in each state."""

from __future__ import annotations

from typing import Any

import pytest

from annotate import services
from annotate.models import Verdict
from claims.models import Article, Claim
from tests.factories import ArticleFactory

PHRASE = "more than 13,000 people since 2014"


@pytest.fixture
def article(sample_text: str) -> Article:
    return ArticleFactory(body=sample_text, title="Sample")


@pytest.fixture
def verdict_false(db) -> Verdict:
    return Verdict.objects.get(name="False")


@pytest.fixture
def verdict_true(db) -> Verdict:
    return Verdict.objects.get(name="True")


def span_of(article: Article, phrase: str = PHRASE) -> tuple[int, int]:
    start = article.body.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def marked(article: Article, annotator: Any) -> Claim:
    """A claim marked by the annotator, who is therefore its reviewer."""
    start, end = span_of(article)
    return services.claim_mark(article=article, start=start, end=end, by=annotator)


def fresh(obj: Any) -> Any:
    obj.refresh_from_db()
    return obj


def submit(claim: Claim, user: Any, verdict: Verdict, rationale: str = "Checked.") -> Any:
    claim = fresh(claim)
    review = claim.reviews.filter(reviewer=user).first()
    return services.review_submit(
        claim=claim,
        by=user,
        version=review.version if review else None,
        verdict=verdict,
        rationale=rationale,
    )


@pytest.fixture
def reviewed(marked: Claim, annotator: Any, verdict_false: Verdict) -> Claim:
    submit(marked, annotator, verdict_false, "The UN figure is 14,000 by 2021.")
    return fresh(marked)


@pytest.fixture
def decided(reviewed: Claim, editor: Any, verdict_false: Verdict) -> Claim:
    services.claim_decide(
        claim=reviewed,
        verdict=verdict_false,
        note="Agree with the review.",
        by=editor,
        version=reviewed.version,
    )
    return fresh(reviewed)


@pytest.fixture
def published(decided: Claim, editor: Any) -> Claim:
    services.claim_publish(claim=decided, by=editor, version=decided.version)
    return fresh(decided)
