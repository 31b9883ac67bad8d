"""The claim workflow: mark, accept, assign, dismiss, adjudicate, publish.

new → in_review (someone assigned) → reviewed (every assigned review submitted, or an
editor decided) → published; any open claim may be dismissed with a reason.
Every function checks the caller's role, refuses a stale ``version`` with what
changed, and writes through the models so that history records who did what.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from annotate import roles, signals
from annotate.errors import DeskError, DeskForbidden
from annotate.models import NOTE_MAX_LENGTH, Assignment, Decision, Triage, Verdict
from annotate.services._common import check_version, delete, locked, save
from claimdesk.types import User
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus, Sentence
from claims.services import article_count_claims, article_lock, sentence_claimant

CLAIM_MAX_LENGTH = 2_000
CLAIMANT_MAX_LENGTH = 300
REASON_MAX_LENGTH = 1_000
CLOSED = (ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DeskForbidden(message)


def _check_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DeskError(
            f"{name} must be a whole number, not {value!r}.", code="invalid", field=name
        )
    return value


def _span(body: str, start: int, end: int) -> tuple[int, int]:
    start, end = _check_int("start", start), _check_int("end", end)
    if start >= end:
        raise DeskError(
            f"The selection is empty or reversed (start {start}, end {end}); "
            "select the words of the claim first.",
            code="empty_span",
        )
    if start < 0 or end > len(body):
        raise DeskError(
            f"The selection {start}-{end} lies outside the article, whose text is "
            f"{len(body)} characters long.",
            code="out_of_range",
        )
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise DeskError("The selection contains only spaces.", code="empty_span")
    if end - start > CLAIM_MAX_LENGTH:
        raise DeskError(
            f"The selection is {end - start:,} characters long; a claim is at most "
            f"{CLAIM_MAX_LENGTH:,}. Select the statement itself.",
            code="too_long",
        )
    return start, end


def _check_claimant(claimant: str) -> str:
    claimant = " ".join(str(claimant).split())
    if len(claimant) > CLAIMANT_MAX_LENGTH:
        raise DeskError(
            f"The claimant is {len(claimant)} characters long; the limit is {CLAIMANT_MAX_LENGTH}.",
            code="too_long",
            field="claimant",
        )
    return claimant


def _recompute_status(claim: Claim) -> None:
    """Set new / in_review / reviewed from the assignments, reviews and decision."""
    if claim.status in CLOSED:
        return
    reviewers = set(claim.assignments.values_list("reviewer_id", flat=True))
    submitted = set(claim.reviews.submitted().values_list("reviewer_id", flat=True))
    if claim.decisions.current().exists() or (reviewers and reviewers <= submitted):
        claim.status = ClaimStatus.REVIEWED
    elif reviewers:
        claim.status = ClaimStatus.IN_REVIEW
    else:
        claim.status = ClaimStatus.NEW
    lead = claim.assignments.order_by("assigned_at", "id").values_list("reviewer_id", flat=True)
    claim.assignee_id = lead.first()


def _touch(claim: Claim, *, by: User, reason: str) -> Claim:
    claim.version += 1
    save(claim, by=by, reason=reason)
    return claim


def _assign(claim: Claim, reviewers: list[User], *, by: User) -> list[User]:
    for reviewer in reviewers:
        if not roles.can_review(reviewer):
            raise DeskError(
                f"{reviewer} cannot review claims (not an annotator or editor).",
                code="not_a_reviewer",
                field="reviewers",
            )
    present = set(claim.assignments.values_list("reviewer_id", flat=True))
    added = [r for r in dict.fromkeys(reviewers) if r.pk not in present]
    bulk_create_with_history(
        [Assignment(claim=claim, reviewer=r, assigned_by=by) for r in added],
        Assignment,
        default_user=by,
        default_change_reason="assigned",
    )
    return added


def _accept(claim: Claim, *, by: User) -> None:
    if claim.origin == ClaimOrigin.DETECTED and not Triage.objects.filter(claim=claim).exists():
        save(Triage(claim=claim, accepted_by=by), by=by, reason="accepted")


def claim_mark(*, article: Article, start: int, end: int, by: User, claimant: str = "") -> Claim:
    """Mark ``body[start:end]`` (code points, surrounding spaces trimmed) as a claim.

    An annotator who marks a claim becomes its reviewer; an editor assigns it later.
    """
    _require(roles.can_mark(by), "Your role cannot mark claims.")
    start, end = _span(article.body, start, end)
    claimant = _check_claimant(claimant)
    sentence = (
        Sentence.objects.filter(article=article, start__lte=start, end__gt=start)
        .order_by("index")
        .first()
    )
    if not claimant and sentence is not None:
        # Pre-fill who said it when the sentence names (or refers back to) its claimant.
        claimant = sentence_claimant(sentence)
    claim = Claim(
        article=article,
        sentence=sentence,
        start=start,
        end=end,
        quote=article.body[start:end],
        origin=ClaimOrigin.MANUAL,
        claimant=claimant,
        created_by=by,
    )
    try:
        with transaction.atomic():
            # The article's lock orders this against the detector proposing the same
            # sentence; the unique constraint on the span is the last word either way.
            article_lock(article_id=article.pk)
            _refuse_duplicate(article.pk, start, end)
            save(claim, by=by, reason="marked by hand")
            if not roles.can_assign(by):
                _assign(claim, [by], by=by)
                _recompute_status(claim)
                save(claim, by=by, reason="taken by the person who marked it")
            article_count_claims(article_id=article.pk)
    except IntegrityError:
        _refuse_duplicate(article.pk, start, end)
        raise
    return claim


def _refuse_duplicate(article_id: int, start: int, end: int, *, but: int | None = None) -> None:
    """One claim per span: refuse a second one, naming the claim that has this text."""
    others = Claim.objects.filter(article_id=article_id, start=start, end=end).undismissed()
    duplicate = (others.exclude(pk=but) if but else others).first()
    if duplicate is not None:
        raise DeskError(
            f"This text is already claim #{duplicate.pk} "
            f"({duplicate.get_status_display().lower()}); open it instead.",
            code="duplicate",
        )


def find_quote(*, article: Article, quote: str) -> tuple[int, int]:
    """Offsets of the one place ``quote`` occurs in the body (for marking by typing)."""
    quote = quote.strip()
    if not quote:
        raise DeskError("Type or paste the words of the claim.", code="empty_span")
    start = article.body.find(quote)
    if start < 0:
        raise DeskError(
            "These words do not occur in the article; copy them exactly.", code="not_found"
        )
    if article.body.find(quote, start + 1) >= 0:
        raise DeskError(
            "These words occur more than once; quote more of the sentence.", code="ambiguous"
        )
    return start, start + len(quote)


def claim_accept(*, claim: Claim, by: User, version: int | None) -> Claim:
    """Accept a detected suggestion as worth checking (an annotator also takes it)."""
    _require(roles.can_mark(by), "Your role cannot accept suggested claims.")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        if (
            claim.origin != ClaimOrigin.DETECTED
            or claim.status != ClaimStatus.NEW
            or (Triage.objects.filter(claim=claim).exists())
        ):
            raise DeskError(
                "Only a new detected suggestion can be accepted; this claim is "
                f"{claim.get_status_display().lower()} already.",
                code="not_a_suggestion",
            )
        _accept(claim, by=by)
        if not roles.can_assign(by):
            _assign(claim, [by], by=by)
            _recompute_status(claim)
        return _touch(claim, by=by, reason="accepted")


def claim_assign(*, claim: Claim, reviewers: list[User], by: User, version: int | None) -> Claim:
    """Assign one or several reviewers (already assigned ones are left as they are)."""
    _require(roles.can_assign(by), "Only editors can assign claims.")
    if not reviewers:
        raise DeskError("Choose at least one reviewer.", code="required", field="reviewers")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        _open(claim, "assign it")
        added = _assign(claim, reviewers, by=by)
        _accept(claim, by=by)
        if claim.status == ClaimStatus.REVIEWED and not claim.decisions.current().exists():
            claim.status = ClaimStatus.IN_REVIEW
        _recompute_status(claim)
        names = ", ".join(str(r) for r in added) or "nobody new"
        return _touch(claim, by=by, reason=f"assigned to {names}")


def claim_unassign(*, claim: Claim, reviewer: User, by: User, version: int | None) -> Claim:
    """Take a reviewer off a claim; a submitted review stays on the record, so it is refused."""
    _require(roles.can_assign(by), "Only editors can change assignments.")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        _open(claim, "change its reviewers")
        assignment = claim.assignments.filter(reviewer=reviewer).first()
        if assignment is None:
            raise DeskError(f"{reviewer} is not assigned to this claim.", code="not_assigned")
        if claim.reviews.submitted().filter(reviewer=reviewer).exists():
            raise DeskError(
                f"{reviewer} has submitted a review; it stays part of the record.",
                code="already_submitted",
            )
        delete(assignment, by=by, reason="unassigned")
        _recompute_status(claim)
        return _touch(claim, by=by, reason=f"unassigned {reviewer}")


def _open(claim: Claim, action: str) -> None:
    if claim.status == ClaimStatus.PUBLISHED:
        raise DeskError(
            f"This claim is published; unpublish it before you {action}.", code="closed"
        )
    if claim.status == ClaimStatus.DISMISSED:
        raise DeskError(f"This claim is dismissed; restore it before you {action}.", code="closed")


def claim_set_claimant(*, claim: Claim, claimant: str, by: User, version: int | None) -> Claim:
    """Record who made the claim (its assigned reviewers and editors)."""
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        assigned = claim.assignments.filter(reviewer_id=getattr(by, "pk", None)).exists()
        _require(
            roles.can_dismiss(by) or (roles.can_review(by) and assigned),
            "Only the claim's reviewers and editors can change its claimant.",
        )
        check_version(claim, version, label="claim")
        _open(claim, "change its claimant")
        claim.claimant = _check_claimant(claimant)
        return _touch(claim, by=by, reason="claimant changed")


def claim_dismiss(*, claim: Claim, reason: str, by: User, version: int | None) -> Claim:
    """Dismiss an open claim (not check-worthy, duplicate, opinion...) with a reason."""
    _require(roles.can_dismiss(by), "Only editors can dismiss claims.")
    reason = " ".join(str(reason).split())
    if not reason:
        raise DeskError("Say why the claim is dismissed.", code="required", field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise DeskError(
            f"The reason is {len(reason)} characters long; the limit is {REASON_MAX_LENGTH}.",
            code="too_long",
            field="reason",
        )
    with transaction.atomic():
        article_lock(article_id=claim.article_id)
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        _open(claim, "dismiss it")
        claim.status, claim.dismiss_reason = ClaimStatus.DISMISSED, reason
        _touch(claim, by=by, reason=f"dismissed: {reason}"[:100])
        article_count_claims(article_id=claim.article_id)
        return claim


def claim_restore(*, claim: Claim, by: User, version: int | None) -> Claim:
    """Bring a dismissed claim back into the workflow."""
    _require(roles.can_dismiss(by), "Only editors can restore dismissed claims.")
    with transaction.atomic():
        article_lock(article_id=claim.article_id)
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        if claim.status != ClaimStatus.DISMISSED:
            raise DeskError("Only a dismissed claim can be restored.", code="not_dismissed")
        # Its text may have been marked again, or proposed again, since it was dismissed.
        _refuse_duplicate(claim.article_id, claim.start, claim.end, but=claim.pk)
        claim.status, claim.dismiss_reason = ClaimStatus.NEW, ""
        _recompute_status(claim)
        _touch(claim, by=by, reason="restored")
        article_count_claims(article_id=claim.article_id)
        return claim


def _verdict(verdict: Verdict | int | str | None) -> Verdict:
    if isinstance(verdict, Verdict):
        found: Verdict | None = verdict if verdict.is_active else None
    else:
        try:
            found = Verdict.objects.active().filter(pk=int(verdict)).first() if verdict else None
        except (TypeError, ValueError):
            found = None
    if found is None:
        raise DeskError(
            f"Unknown verdict {verdict!r}; choose one from the rating scale.",
            code="unknown_verdict",
            field="verdict",
        )
    return found


def claim_decide(
    *,
    claim: Claim,
    verdict: Verdict | int | str | None,
    note: str,
    by: User,
    version: int | None,
    correction_note: str = "",
) -> Decision:
    """Record the editor's final verdict; a published verdict is corrected, never overwritten."""
    _require(roles.can_adjudicate(by), "Only editors can record the final verdict.")
    chosen = _verdict(verdict)
    note, correction_note = _note(note, "note"), _note(correction_note, "correction_note")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        _check_decidable(claim)
        previous = claim.decisions.current().first()
        correcting = previous is not None and previous.published_at is not None
        if correcting and not correction_note:
            raise DeskError(
                "This verdict has been published; add a correction note saying "
                "what changed and why.",
                code="correction_required",
                field="correction_note",
            )
        if previous is not None:
            previous.is_current = False
            save(previous, by=by, reason="superseded")
        published = claim.status == ClaimStatus.PUBLISHED
        decision = Decision(
            claim=claim,
            verdict=chosen,
            note=note,
            decided_by=by,
            correction_note=correction_note if correcting else "",
            published_at=timezone.now() if published else None,
        )
        save(decision, by=by, reason="correction" if correcting else "final verdict")
        _recompute_status(claim)
        # The claim's history is read by reviewers still writing (blind review): its
        # reason must not name the verdict, which the decision's own history records.
        _touch(
            claim,
            by=by,
            reason="final verdict corrected" if correcting else "final verdict recorded",
        )
        if correcting and published:
            # Inside the transaction: the webhook deliveries commit with the correction.
            signals.verdict_corrected.send(
                sender=Claim, claim=claim, decision=decision, previous=previous, by=by
            )
    return decision


def _note(text: str, field: str) -> str:
    """A decision's note, stripped, within NOTE_MAX_LENGTH."""
    text = text.strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise DeskError(
            f"The {field.replace('_', ' ')} is {len(text):,} characters long; "
            f"the limit is {NOTE_MAX_LENGTH:,}.",
            code="too_long",
            field=field,
        )
    return text


def _check_decidable(claim: Claim) -> None:
    """A final verdict needs an open claim with at least one submitted review."""
    if claim.status == ClaimStatus.DISMISSED:
        raise DeskError("This claim is dismissed; restore it first.", code="closed")
    if not claim.reviews.submitted().exists():
        raise DeskError(
            "No review has been submitted yet; a final verdict is based on at least one review.",
            code="no_reviews",
        )


def claim_publish(*, claim: Claim, by: User, version: int | None) -> Claim:
    """Publish the claim's final verdict."""
    _require(roles.can_publish(by), "Only editors can publish fact-checks.")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        decision = claim.decisions.current().first()
        if claim.status != ClaimStatus.REVIEWED or decision is None:
            raise DeskError(
                "Only a reviewed claim with a final verdict can be published "
                f"(this one is {claim.get_status_display().lower()}"
                f"{'' if decision else ', without a final verdict'}).",
                code="not_ready",
            )
        if decision.published_at is None:
            decision.published_at = timezone.now()
            save(decision, by=by, reason="published")
        claim.status = ClaimStatus.PUBLISHED
        _touch(claim, by=by, reason="published")
        signals.claim_published.send(sender=Claim, claim=claim, decision=decision, by=by)
        return claim


def claim_unpublish(*, claim: Claim, by: User, version: int | None, reason: str = "") -> Claim:
    """Withdraw a published fact-check; its decision is kept for the record."""
    _require(roles.can_publish(by), "Only editors can unpublish fact-checks.")
    with transaction.atomic():
        claim = locked(Claim, claim.pk)
        check_version(claim, version, label="claim")
        if claim.status != ClaimStatus.PUBLISHED:
            raise DeskError("This claim is not published.", code="not_published")
        claim.status = ClaimStatus.REVIEWED
        _touch(claim, by=by, reason=("unpublished: " + reason.strip())[:100])
        signals.claim_unpublished.send(sender=Claim, claim=claim, by=by, reason=reason.strip())
        return claim


def _bulk(claims: list[Claim], action: Any) -> tuple[list[Claim], list[str]]:
    """Run a per-claim service over several claims; each keeps its own history entry.

    Each claim is acted on at the version read here: a bulk action is a decision
    about claims as they are now, and a claim changed meanwhile is still refused
    by its own version check rather than overwritten.
    """
    done, problems = [], []
    for claim in claims:
        try:
            done.append(action(claim))
        except DeskForbidden:
            raise
        except DeskError as exc:
            problems.append(f"Claim #{claim.pk}: {exc.message}")
    return done, problems


def claims_bulk_assign(
    *, claims: list[Claim], reviewers: list[User], by: User
) -> tuple[list[Claim], list[str]]:
    """Assign the same reviewers to several claims; returns (changed, problems)."""
    _require(roles.can_assign(by), "Only editors can assign claims.")
    return _bulk(
        claims, lambda c: claim_assign(claim=c, reviewers=reviewers, by=by, version=c.version)
    )


def claims_bulk_dismiss(
    *, claims: list[Claim], reason: str, by: User
) -> tuple[list[Claim], list[str]]:
    """Dismiss several claims with one reason; returns (changed, problems)."""
    _require(roles.can_dismiss(by), "Only editors can dismiss claims.")
    return _bulk(claims, lambda c: claim_dismiss(claim=c, reason=reason, by=by, version=c.version))
