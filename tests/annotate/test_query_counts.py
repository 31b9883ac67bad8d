"""The article page and the claim list cost the same number of queries at any size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotate import services
from tests.factories import ArticleFactory, article_text, fresh, submit

pytestmark = pytest.mark.django_db


def _busy_article(n: int, sentences: int, annotator, editor, verdict):
    article = ArticleFactory(body=article_text(n, sentences))
    for sentence in list(article.sentences.order_by("index"))[: max(2, sentences // 10)]:
        claim = services.claim_mark(
            article=article, start=sentence.start, end=sentence.start + 12, by=annotator
        )
        submit(claim, annotator, verdict)
        services.claim_decide(
            claim=fresh(claim), verdict=verdict, note="", by=editor, version=fresh(claim).version
        )
    return article


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_article_page_query_count_does_not_grow_with_sentences_or_claims(
    client, annotator, editor, verdict_false, django_assert_max_num_queries
):
    small = _busy_article(1, 3, annotator, editor, verdict_false)
    large = _busy_article(2, 120, annotator, editor, verdict_false)
    assert large.claims.count() > 3 * small.claims.count()
    client.force_login(annotator)
    counts = {_queries(client, reverse("annotate:article", args=[a.pk])) for a in (small, large)}
    assert len(counts) == 1
    with django_assert_max_num_queries(8):
        client.get(reverse("annotate:article", args=[large.pk]))


def test_the_claim_list_query_count_does_not_grow_with_claims(
    client, annotator, editor, verdict_false, django_assert_max_num_queries
):
    _busy_article(1, 3, annotator, editor, verdict_false)
    client.force_login(editor)
    url = reverse("annotate:claim-list")
    few = _queries(client, url)
    _busy_article(2, 80, annotator, editor, verdict_false)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(8):
        client.get(url)
