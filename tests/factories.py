"""factory_boy factories that build state through the services, never by poking fields.

``ArticleFactory()`` calls ``services.article_create`` and, unless
``process=False``, runs the on-commit callbacks it queued, so the eager pipeline
takes the article to ``ready`` inside the test's transaction.
"""

from __future__ import annotations

from typing import Any

import factory
from django.test import TestCase

from accounts.services import api_token_create
from claims import services
from claims.models import Article


def article_text(n: int, sentences: int = 3) -> str:
    """A distinct article body of ``sentences`` sentences, with numbers the detector likes."""
    lines = [
        f"Report {n}, sentence {i}: more than {1000 + 7 * n + i:,} people were affected "
        f"in {2000 + i % 24}, officials said."
        for i in range(sentences)
    ]
    return "\n\n".join(" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3))


class ArticleFactory(factory.Factory):
    class Meta:
        model = Article

    body = factory.Sequence(article_text)
    title = ""
    created_by = None
    process = True

    @classmethod
    def _create(cls, model_class: type[Article], *args: Any, **kwargs: Any) -> Article:
        process = kwargs.pop("process")
        if not process:
            return services.article_create(**kwargs)
        with TestCase.captureOnCommitCallbacks(execute=True):
            article = services.article_create(**kwargs)
        article.refresh_from_db()
        return article


def process_on_commit(create: Any, **kwargs: Any) -> Any:
    """Call a service and run the callbacks it queued on commit (the eager pipeline)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = create(**kwargs)
    return result


def api_token_for(user: Any, **kwargs: Any) -> str:
    """A new API token's key for ``user``, to send as ``Authorization: Token <key>``.

    The one way tests get a token (keyword arguments go to ``api_token_create``, such as
    ``expires_in``).
    """
    _token, key = api_token_create(user=user, **kwargs)
    return key
