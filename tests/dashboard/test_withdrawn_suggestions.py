"""The detector against people: a suggestion the detector withdrew is nobody's decision."""

from __future__ import annotations

from typing import Any

import pytest

from annotate import services
from claims import services as pipeline
from claims.models import Claim, ClaimStatus
from dashboard import selectors
from dashboard.filters import Filters
from tests.factories import ArticleFactory, article_text, process_on_commit

pytestmark = pytest.mark.django_db


def test_a_suggestion_the_detector_withdrew_is_not_a_human_no(
    detector_threshold: Any, editor: Any
) -> None:
    detector_threshold(0.0)
    article = ArticleFactory(body=article_text(900, sentences=4))
    detector_threshold(1.0)
    assert process_on_commit(pipeline.article_redetect, article_id=article.pk) is True
    withdrawn = Claim.objects.filter(article=article, status=ClaimStatus.DISMISSED)
    assert withdrawn.count() == 4 and not article.sentences.filter(checkworthy=True).exists()
    # A claim marked by hand inside the first sentence: a person's yes, still waiting,
    # so the article is not done and its other sentences have no decision yet.
    first = article.sentences.order_by("index").first()
    services.claim_mark(article=article, start=first.start, end=first.start + 20, by=editor)
    quality = selectors.detector_quality(filters=Filters())
    c = quality.overall
    assert (c.tp, c.fp, c.fn, c.tn) == (0, 0, 1, 0)
    assert quality.unlabelled == 3
