"""factory_boy factories and helpers that build state through the services, never by poking
fields: the one place for each, shared by every test folder (fixtures live in tests/conftest.py).

``ArticleFactory()`` calls ``services.article_create`` and, unless
``process=False``, runs the on-commit callbacks it queued, so the eager pipeline
takes the article to ``ready`` inside the test's transaction. The desk helpers
(``mark``, ``submit``, ``assign``, ``decide``, ``publish``) each read the claim
afresh first, so they can be chained on a claim object that another step changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.services import api_token_create
from annotate import services as desk
from annotate.models import Verdict
from claims import services
from claims.models import Article, Claim

SAMPLE_ARTICLE = Path(__file__).resolve().parent.parent / "claims" / "demo" / "sample_article.txt"
# A phrase of the sample article that a claim is marked on.
PHRASE = "more than 13,000 people since 2014"
# The rationale of the review in the ``blind_claim`` fixture: no reader blind on it may see it.
SECRET_RATIONALE = "SECRET-RATIONALE-OF-ANN"


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


def count_queries(client: Any, path: str) -> int:
    """How many queries a GET of ``path`` costs (it must answer 200)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def make_user(username: str, group: str | None, *, staff: bool = False) -> Any:
    """A user in ``group`` (none for ``None``) whose password is ``pw-<username>``."""
    user = get_user_model().objects.create_user(
        username=username, password="pw-" + username, is_staff=staff, is_superuser=staff
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def client_for(user: Any | None) -> APIClient:
    """An API client logged in as ``user`` (anonymous for ``None``)."""
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


# --- the desk: claims taken through the workflow by the annotate services ----------------------


def fresh(obj: Any) -> Any:
    """``obj`` re-read from the database (its version and status as they are now)."""
    obj.refresh_from_db()
    return obj


def span_of(article: Article, phrase: str = PHRASE) -> tuple[int, int]:
    """The offsets of the first ``phrase`` in the article's body."""
    start = article.body.index(phrase)
    return start, start + len(phrase)


def mark(article: Article, phrase: str, by: Any) -> Claim:
    start, end = span_of(article, phrase)
    return desk.claim_mark(article=article, start=start, end=end, by=by)


def submit(claim: Claim, user: Any, verdict: Verdict, rationale: str = "Checked.") -> Any:
    """``user`` submits a review of ``claim`` (their draft's version, if they have one)."""
    claim = fresh(claim)
    review = claim.reviews.filter(reviewer=user).first()
    return desk.review_submit(
        claim=claim,
        by=user,
        version=review.version if review else None,
        verdict=verdict,
        rationale=rationale,
    )


def assign(claim: Claim, editor: Any, *reviewers: Any) -> Any:
    claim = fresh(claim)
    return desk.claim_assign(
        claim=claim, reviewers=list(reviewers), by=editor, version=claim.version
    )


def decide(claim: Claim, editor: Any, verdict: Verdict, note: str = "") -> Claim:
    claim = fresh(claim)
    desk.claim_decide(claim=claim, verdict=verdict, note=note, by=editor, version=claim.version)
    return fresh(claim)


def publish(claim: Claim, editor: Any) -> Claim:
    desk.claim_publish(claim=claim, by=editor, version=fresh(claim).version)
    return fresh(claim)


def publish_reviewed(
    claim: Claim, annotator: Any, editor: Any, verdict: Verdict, rationale: str = "Checked."
) -> Claim:
    """Review, decide and publish ``claim``: the whole workflow to a public fact-check."""
    submit(claim, annotator, verdict, rationale)
    return publish(decide(claim, editor, verdict), editor)
