"""Demo state for screenshots: claims in every stage of the workflow, through the services."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from annotate import services
from annotate.models import Verdict
from claims.models import Article, Claim
from tests.factories import decide, mark, publish, submit


def populate_demo_desk(article: Article) -> Claim:
    """Claims at every stage near the top of the sample article; returns the one to show."""
    users = get_user_model().objects
    annotator, annotator2, editor = (
        users.get(username=n) for n in ("annotator", "annotator2", "editor")
    )
    scale = {v.name: v for v in Verdict.objects.all()}
    proposal = mark(
        article, "Russia issued a security proposal for NATO and the United States", annotator
    )
    submit(proposal, annotator, scale["True"], "The draft treaties were published by the MFA.")
    publish(decide(proposal, editor, scale["True"], "Confirmed by the published drafts."), editor)
    members = mark(article, "NATO must not allow any new members to join", annotator2)
    submit(members, annotator2, scale["Misleading"], "The draft asks NATO to stop enlarging.")
    decide(members, editor, scale["Misleading"], "Paraphrase stronger than the text.")
    killed = mark(article, "more than 13,000 people since 2014", annotator)
    services.source_add(
        claim=killed,
        by=annotator,
        stance="refutes",
        url="https://www.ohchr.org/en/countries/ukraine",
        title="Conflict-related civilian casualties in Ukraine",
        publisher="OHCHR",
        excerpt="14,200-14,400 conflict-related deaths",
    )
    submit(killed, annotator, scale["Mostly true"], "UN: 14,200-14,400 killed by 2021.")
    killed.refresh_from_db()
    services.claim_assign(claim=killed, reviewers=[annotator2], by=editor, version=killed.version)
    submit(killed, annotator2, scale["Half true"], "The figure includes soldiers on both sides.")
    deployed = mark(article, "Russia has deployed tens of thousands of soldiers", annotator2)
    services.review_save(
        claim=deployed,
        by=annotator2,
        version=None,
        verdict=scale["True"],
        rationale="Satellite images show the build-up.",
    )
    talks = mark(article, "called for emergency talks with Washington", annotator)
    submit(talks, annotator, scale["Mostly false"], "Talks were proposed, not demanded.")
    publish(decide(talks, editor, scale["Mostly false"]), editor)
    killed.refresh_from_db()
    return killed
