"""Demo state for screenshots: claims in every stage of the workflow, through the services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from annotate import services
from annotate.models import Verdict
from claims.models import Article, Claim


def _mark(article: Article, phrase: str, by: Any) -> Claim:
    start = article.body.index(phrase)
    return services.claim_mark(article=article, start=start, end=start + len(phrase), by=by)


def _review(claim: Claim, by: Any, verdict: Verdict, rationale: str) -> None:
    review = claim.reviews.filter(reviewer=by).first()
    services.review_submit(
        claim=claim,
        by=by,
        version=review.version if review else None,
        verdict=verdict,
        rationale=rationale,
    )


def _decide(claim: Claim, by: Any, verdict: Verdict, note: str, publish: bool) -> None:
    claim.refresh_from_db()
    services.claim_decide(claim=claim, verdict=verdict, note=note, by=by, version=claim.version)
    if publish:
        claim.refresh_from_db()
        services.claim_publish(claim=claim, by=by, version=claim.version)


def populate_demo_desk(article: Article) -> Claim:
    """Claims at every stage near the top of the sample article; returns the one to show."""
    users = get_user_model().objects
    annotator, annotator2, editor = (
        users.get(username=n) for n in ("annotator", "annotator2", "editor")
    )
    scale = {v.name: v for v in Verdict.objects.all()}
    proposal = _mark(
        article, "Russia issued a security proposal for NATO and the United States", annotator
    )
    _review(proposal, annotator, scale["True"], "The draft treaties were published by the MFA.")
    _decide(proposal, editor, scale["True"], "Confirmed by the published drafts.", publish=True)
    members = _mark(article, "NATO must not allow any new members to join", annotator2)
    _review(members, annotator2, scale["Misleading"], "The draft asks NATO to stop enlarging.")
    _decide(
        members, editor, scale["Misleading"], "Paraphrase stronger than the text.", publish=False
    )
    killed = _mark(article, "more than 13,000 people since 2014", annotator)
    services.source_add(
        claim=killed,
        by=annotator,
        stance="refutes",
        url="https://www.ohchr.org/en/countries/ukraine",
        title="Conflict-related civilian casualties in Ukraine",
        publisher="OHCHR",
        excerpt="14,200-14,400 conflict-related deaths",
    )
    _review(killed, annotator, scale["Mostly true"], "UN: 14,200-14,400 killed by 2021.")
    killed.refresh_from_db()
    services.claim_assign(claim=killed, reviewers=[annotator2], by=editor, version=killed.version)
    _review(killed, annotator2, scale["Half true"], "The figure includes soldiers on both sides.")
    deployed = _mark(article, "Russia has deployed tens of thousands of soldiers", annotator2)
    services.review_save(
        claim=deployed,
        by=annotator2,
        version=None,
        verdict=scale["True"],
        rationale="Satellite images show the build-up.",
    )
    talks = _mark(article, "called for emergency talks with Washington", annotator)
    _review(talks, annotator, scale["Mostly false"], "Talks were proposed, not demanded.")
    _decide(talks, editor, scale["Mostly false"], "", publish=True)
    killed.refresh_from_db()
    return killed
