"""The claim workflow through the services, for every transition and role."""

from __future__ import annotations

import pytest

from annotate import services
from annotate.errors import DeskError, DeskForbidden, StaleVersion
from annotate.models import Decision
from claims.models import ClaimStatus
from tests.factories import fresh, submit

pytestmark = pytest.mark.django_db


def test_the_full_path_new_in_review_reviewed_published(
    article, editor, annotator, annotator2, verdict_false
):
    claim = article.claims.order_by("start").first()
    assert claim.status == ClaimStatus.NEW
    claim = services.claim_assign(
        claim=claim, reviewers=[annotator, annotator2], by=editor, version=claim.version
    )
    assert claim.status == ClaimStatus.IN_REVIEW and claim.assignee == annotator
    submit(claim, annotator, verdict_false)
    assert fresh(claim).status == ClaimStatus.IN_REVIEW
    submit(claim, annotator2, verdict_false)
    claim = fresh(claim)
    assert claim.status == ClaimStatus.REVIEWED
    services.claim_decide(
        claim=claim, verdict=verdict_false, note="Both agree.", by=editor, version=claim.version
    )
    claim = services.claim_publish(claim=fresh(claim), by=editor, version=fresh(claim).version)
    assert claim.status == ClaimStatus.PUBLISHED
    assert Decision.objects.current().get(claim=claim).published_at is not None


def test_annotators_cannot_assign_decide_publish_or_dismiss(
    reviewed, decided, annotator, annotator2, verdict_true
):
    claim = fresh(decided)
    attempts = [
        lambda: services.claim_assign(
            claim=claim, reviewers=[annotator2], by=annotator, version=claim.version
        ),
        lambda: services.claim_decide(
            claim=claim, verdict=verdict_true, note="", by=annotator, version=claim.version
        ),
        lambda: services.claim_publish(claim=claim, by=annotator, version=claim.version),
        lambda: services.claim_dismiss(
            claim=claim, reason="dup", by=annotator, version=claim.version
        ),
        lambda: services.claim_unassign(
            claim=claim, reviewer=annotator, by=annotator, version=claim.version
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DeskForbidden):
            attempt()
    assert fresh(claim).status == ClaimStatus.REVIEWED and fresh(claim).version == claim.version


def test_outsiders_can_do_nothing(marked, outsider, verdict_true):
    with pytest.raises(DeskForbidden):
        services.review_save(claim=marked, by=outsider, version=None, verdict=verdict_true)
    with pytest.raises(DeskForbidden):
        services.claim_publish(claim=marked, by=outsider, version=marked.version)


def test_assigning_someone_who_cannot_review_is_refused(marked, editor, outsider):
    with pytest.raises(DeskError, match="cannot review"):
        services.claim_assign(claim=marked, reviewers=[outsider], by=editor, version=marked.version)
    with pytest.raises(DeskError, match="at least one"):
        services.claim_assign(claim=marked, reviewers=[], by=editor, version=marked.version)


def test_assigning_a_second_reviewer_reopens_a_reviewed_claim(reviewed, editor, annotator2):
    claim = services.claim_assign(
        claim=reviewed, reviewers=[annotator2], by=editor, version=reviewed.version
    )
    assert claim.status == ClaimStatus.IN_REVIEW
    assert sorted(claim.assignments.values_list("reviewer__username", flat=True)) == ["ann", "ann2"]


def test_unassigning_returns_a_claim_to_new_but_keeps_submitted_reviewers(
    marked, reviewed, editor, annotator, annotator2
):
    with pytest.raises(DeskError, match="submitted a review"):
        services.claim_unassign(
            claim=reviewed, reviewer=annotator, by=editor, version=reviewed.version
        )
    claim = services.claim_assign(
        claim=reviewed, reviewers=[annotator2], by=editor, version=reviewed.version
    )
    claim = services.claim_unassign(
        claim=claim, reviewer=annotator2, by=editor, version=claim.version
    )
    assert claim.status == ClaimStatus.REVIEWED


def test_decide_needs_a_submitted_review_and_a_known_verdict(marked, editor, verdict_true):
    with pytest.raises(DeskError, match="No review"):
        services.claim_decide(
            claim=marked, verdict=verdict_true, note="", by=editor, version=marked.version
        )
    for unknown in (9999, "abc", None):
        with pytest.raises(DeskError, match="Unknown verdict"):
            services.claim_decide(
                claim=marked, verdict=unknown, note="", by=editor, version=marked.version
            )


def test_publish_needs_a_final_verdict(reviewed, editor):
    with pytest.raises(DeskError, match="without a final verdict"):
        services.claim_publish(claim=reviewed, by=editor, version=reviewed.version)


def test_changing_a_published_verdict_keeps_the_old_one_with_a_correction_note(
    published, editor, verdict_true, verdict_false
):
    with pytest.raises(DeskError, match="correction note"):
        services.claim_decide(
            claim=published,
            verdict=verdict_true,
            note="new evidence",
            by=editor,
            version=published.version,
        )
    services.claim_decide(
        claim=published,
        verdict=verdict_true,
        note="New UN data.",
        correction_note="The 2021 UN report supports the figure.",
        by=editor,
        version=published.version,
    )
    decisions = list(Decision.objects.filter(claim=published).order_by("decided_at", "id"))
    assert [(d.verdict, d.is_current) for d in decisions] == [
        (verdict_false, False),
        (verdict_true, True),
    ]
    assert decisions[1].correction_note and decisions[1].published_at is not None
    assert fresh(published).status == ClaimStatus.PUBLISHED


def test_unpublish_then_publish_again(published, editor):
    claim = services.claim_unpublish(
        claim=published, by=editor, version=published.version, reason="legal check"
    )
    assert claim.status == ClaimStatus.REVIEWED
    with pytest.raises(DeskError, match="not published"):
        services.claim_unpublish(claim=claim, by=editor, version=claim.version)
    assert (
        services.claim_publish(claim=claim, by=editor, version=claim.version).status
        == ClaimStatus.PUBLISHED
    )


def test_dismiss_needs_a_reason_and_restore_brings_it_back(marked, editor):
    with pytest.raises(DeskError, match="Say why"):
        services.claim_dismiss(claim=marked, reason="  ", by=editor, version=marked.version)
    with pytest.raises(DeskError, match="limit"):
        services.claim_dismiss(claim=marked, reason="x" * 1001, by=editor, version=marked.version)
    claim = services.claim_dismiss(
        claim=marked, reason="Opinion, not a fact", by=editor, version=marked.version
    )
    assert claim.status == ClaimStatus.DISMISSED and claim.dismiss_reason == "Opinion, not a fact"
    with pytest.raises(DeskError, match="restore it"):
        services.claim_dismiss(claim=claim, reason="again", by=editor, version=claim.version)
    claim = services.claim_restore(claim=claim, by=editor, version=claim.version)
    assert claim.status == ClaimStatus.IN_REVIEW and claim.dismiss_reason == ""


def test_a_published_claim_cannot_be_dismissed(published, editor):
    with pytest.raises(DeskError, match="unpublish"):
        services.claim_dismiss(claim=published, reason="x", by=editor, version=published.version)


def test_two_editors_acting_on_the_same_version_the_second_is_refused(
    reviewed, editor, staff, verdict_true
):
    seen = reviewed.version
    services.claim_decide(claim=reviewed, verdict=verdict_true, note="", by=editor, version=seen)
    with pytest.raises(StaleVersion) as refused:
        services.claim_dismiss(claim=reviewed, reason="duplicate", by=staff, version=seen)
    assert "changed by ed" in refused.value.message
    assert refused.value.current_version == seen + 1
    assert fresh(reviewed).status == ClaimStatus.REVIEWED


def test_a_missing_version_is_refused(marked, editor):
    with pytest.raises(DeskError, match="version"):
        services.claim_dismiss(claim=marked, reason="x", by=editor, version=None)


def test_claimant_is_editable_by_the_reviewer_and_editors_only(
    marked, annotator, annotator2, editor
):
    claim = services.claim_set_claimant(
        claim=marked, claimant="Kremlin", by=annotator, version=marked.version
    )
    claim = services.claim_set_claimant(
        claim=claim, claimant="Kremlin spokesman", by=editor, version=claim.version
    )
    assert claim.claimant == "Kremlin spokesman"
    with pytest.raises(DeskForbidden):
        services.claim_set_claimant(claim=claim, claimant="x", by=annotator2, version=claim.version)
