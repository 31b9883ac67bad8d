"""The pipeline steps: split, detect, finish, fail, retry and redetect an article.

The tasks (:mod:`claims.tasks`) and the commands call these functions, so the rules
live here once.  The steps are idempotent:
a step run twice (a retry, a redelivered message, the sweeper) leaves the same
rows as a step run once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims import outbox
from claims.detection import get_detector
from claims.detection.claimant import claimant_name, needs_context
from claims.models import Article, ArticleStatus, Claim, ClaimOrigin, ClaimStatus, Sentence
from claims.segmentation import split_paragraphs_and_sentences

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Batch:
    first: int
    last: int


def article_enqueue(*, article_id: int) -> None:
    """Queue the pipeline: owed in the surrounding transaction, sent once it commits.

    A broker that refuses the message does not fail the caller: the article stays
    owed and :mod:`claims.outbox` sends it when the broker is back.
    """
    outbox.article_dispatch_on_commit(article_id=article_id)


def article_process(*, article_id: int) -> list[Batch]:
    """The pipeline's first step: split the article, score its first batch, and return the rest.

    Everything happens in one transaction, so an article that fits in one batch
    (most news articles) goes from queued to ready in a single commit: commits,
    not statements, are what a database pays for (an fsync each).  Longer
    articles return the batches still to score, one task each.  An article that
    is ready or failed is left alone and yields no batches.
    """
    return _first_step(article_id, score_first=settings.CLAIMDESK_DETECT_BATCH_SIZE)


def article_split(*, article_id: int) -> list[Batch]:
    """Split the article into unscored sentences (once) and return every batch to score.

    The step on its own, for callers that score separately; the pipeline's
    task uses :func:`article_process`, which also scores the first batch.
    """
    return _first_step(article_id, score_first=0)


def _first_step(article_id: int, *, score_first: int) -> list[Batch]:
    with transaction.atomic():
        article = _claim_for_processing(article_id)
        if article is None:
            return []
        if not Sentence.objects.filter(article_id=article_id).exists():
            sentences = _sentence_rows(article)
            head = sentences[:score_first]
            version = _score(head) if head else ""
            Sentence.objects.bulk_create(sentences, batch_size=1000)
            _detected_claims_create(article_id, head, version)
            Article.objects.filter(pk=article_id).update(sentence_count=len(sentences))
            if head and len(sentences) <= score_first:
                article_finish_if_done(article_id=article_id)
                return []
    return _remaining_batches(article_id)


def _claim_for_processing(article_id: int) -> Article | None:
    # The row lock orders two runs of the first step (a redelivered message racing
    # the original): the second waits, then finds the sentences and inserts none.
    article = (
        Article.objects.select_for_update()
        .filter(pk=article_id, status__in=[ArticleStatus.QUEUED, ArticleStatus.PROCESSING])
        .only("id", "body")
        .first()
    )
    if article is not None:
        Article.objects.filter(pk=article_id).update(
            status=ArticleStatus.PROCESSING,
            started_at=Coalesce(F("started_at"), timezone.now()),
            attempts=F("attempts") + 1,
            updated_at=timezone.now(),
        )
    return article


def _sentence_rows(article: Article) -> list[Sentence]:
    body = article.body
    return [
        Sentence(
            article_id=article.pk,
            index=i,
            start=start,
            end=end,
            text=body[start:end],
            paragraph=paragraph,
        )
        for i, (start, end, paragraph) in enumerate(split_paragraphs_and_sentences(body))
    ]


def _remaining_batches(article_id: int) -> list[Batch]:
    batches = _unscored_batches(article_id)
    if not batches:
        article_finish_if_done(article_id=article_id)
    return batches


def _unscored_batches(article_id: int) -> list[Batch]:
    size = settings.CLAIMDESK_DETECT_BATCH_SIZE
    indexes = list(
        Sentence.objects.filter(article_id=article_id, score__isnull=True)
        .order_by("index")
        .values_list("index", flat=True)
    )
    return [
        Batch(chunk[0], chunk[-1])
        for chunk in (indexes[i : i + size] for i in range(0, len(indexes), size))
    ]


def article_detect_batch(*, article_id: int, first: int, last: int) -> bool:
    """Score sentences ``first..last`` and propose a claim for each check-worthy one.

    Detection runs outside any lock; the writes, and the check whether this
    batch completed the article, run in one transaction under the article's row
    lock, so that exactly one batch sees the article complete.  Returns True
    when this batch completed it.
    """
    if not Article.objects.filter(pk=article_id, status=ArticleStatus.PROCESSING).exists():
        return False
    sentences = list(
        Sentence.objects.filter(article_id=article_id, index__range=(first, last))
        .only("id", "article_id", "index", "start", "end", "text")
        .order_by("index")
    )
    version = _score(sentences)
    with transaction.atomic():
        locked = (
            Article.objects.select_for_update()
            .filter(pk=article_id, status=ArticleStatus.PROCESSING)
            .values_list("pk", flat=True)
            .first()
        )
        if locked is None:
            return False
        if sentences:
            _sentences_update(
                sentences, ["score", "checkworthy", "reasons", "spans", "detector_version"]
            )
            _detected_claims_create(article_id, sentences, version)
        return article_finish_if_done(article_id=article_id)


def _score(sentences: list[Sentence]) -> str:
    """Run the detector on the sentences and set their fields; returns its version."""
    detector = get_detector()
    if sentences:
        detections = detector.detect([s.text for s in sentences])
        for sentence, detection in zip(sentences, detections, strict=True):
            sentence.score = min(1.0, max(0.0, float(detection.score)))
            sentence.checkworthy = bool(detection.checkworthy)
            sentence.reasons = list(detection.reasons)
            sentence.spans = [list(span) for span in detection.spans]
            sentence.detector_version = detector.version
    return detector.version


def _sentences_update(sentences: list[Sentence], fields: list[str]) -> None:
    """Write ``fields`` of each sentence: one parameterised UPDATE, executed once per row.

    ``bulk_update`` builds a CASE WHEN per field and row, and resolving those
    expressions cost about 0.8 ms of Python per sentence (measured on 50-sentence
    batches): more than detecting it, and most of a detection task. ``executemany``
    sends one prepared statement for every row (pipelined by psycopg 3), so the
    cost is the database's. Sentence has no history, so no signal is skipped.
    """
    meta = Sentence._meta
    concrete = {f.name: f for f in meta.concrete_fields}
    columns = [concrete[name] for name in fields]
    qn = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 (names from the model)
        qn(meta.db_table),
        ", ".join(f"{qn(f.column)} = %s" for f in columns),
        qn(concrete["id"].column),
    )
    rows = [
        [f.get_db_prep_save(getattr(s, f.attname), connection) for f in columns] + [s.pk]
        for s in sentences
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _detected_claims_create(article_id: int, sentences: list[Sentence], version: str) -> None:
    """Bring the detector's proposals for freshly scored sentences in line with the scores.

    A check-worthy sentence gets a proposal unless a claim that is not dismissed
    has exactly its span already (one marked by hand, say).  A proposal nobody
    has acted on takes the new scores, is withdrawn when its sentence is no
    longer check-worthy and proposed again when it is; anything a person touched
    keeps what they saw.
    """
    if not sentences:
        return
    # Callers hold the article's row lock, and so does every desk service that adds
    # or restores a claim (article_lock): no span can be taken between this read and
    # the writes below, and a redelivered batch finds what the first run wrote.  The
    # claims' own locks make a person's accept or assign, which lock only the claim,
    # wait for this write or be seen by it: an untouched proposal read here is still
    # untouched when it is withdrawn.
    claims = list(
        Claim.objects.select_for_update().filter(
            article_id=article_id,
            start__gte=min(s.start for s in sentences),
            end__lte=max(s.end for s in sentences),
        )
    )
    by_id = {s.pk: s for s in sentences}
    taken = {(c.start, c.end) for c in claims if c.status != ClaimStatus.DISMISSED}
    existing = {
        c.sentence_id: c
        for c in claims
        if c.origin == ClaimOrigin.DETECTED and c.sentence_id in by_id
    }
    new = [
        _proposal(article_id, s, version)
        for s in sentences
        if s.checkworthy and s.pk not in existing and (s.start, s.end) not in taken
    ]
    if new:
        bulk_create_with_history(
            new, Claim, batch_size=500, default_change_reason="proposed by the detector"
        )
    if _refresh_untouched_proposals(existing, by_id, version, taken) or new:
        article_count_claims(article_id=article_id)


def _proposal(article_id: int, sentence: Sentence, version: str) -> Claim:
    return Claim(
        article_id=article_id,
        sentence=sentence,
        start=sentence.start,
        end=sentence.end,
        quote=sentence.text,
        origin=ClaimOrigin.DETECTED,
        claimant=sentence_claimant(sentence),
        score=sentence.score,
        reasons=sentence.reasons,
        spans=sentence.spans,
        detector_version=version,
    )


WITHDRAWN = "withdrawn: the detector no longer finds it check-worthy"
PROPOSED_AGAIN = "proposed again by the detector"
RESCORED = "re-scored by the detector"
_PROPOSAL_FIELDS = [
    "status",
    "dismiss_reason",
    "score",
    "reasons",
    "spans",
    "detector_version",
    "updated_at",
]


def _refresh_untouched_proposals(
    existing: dict[int, Claim],
    sentences: dict[int, Sentence],
    version: str,
    taken: set[tuple[int, int]],
) -> bool:
    """Re-score, withdraw or propose again the untouched proposals; True if a status changed.

    A withdrawn proposal is dismissed, not deleted: its history keeps what was
    proposed and why it went, and proposing it again brings back the same claim.
    """
    stale, moved = [], False
    for sentence_id, claim in existing.items():
        sentence = sentences[sentence_id]
        if not claim.is_untouched or claim.status not in (ClaimStatus.NEW, ClaimStatus.DISMISSED):
            continue
        status, reason = _next_state(claim, sentence, taken)
        same_scores = (claim.detector_version, claim.score) == (version, sentence.score)
        if status == claim.status and same_scores:
            continue
        moved = moved or status != claim.status
        claim.status = status
        claim.dismiss_reason = WITHDRAWN if status == ClaimStatus.DISMISSED else ""
        claim.score, claim.reasons, claim.spans = sentence.score, sentence.reasons, sentence.spans
        claim.detector_version, claim.updated_at = version, timezone.now()
        claim._change_reason = reason  # type: ignore[attr-defined]  # read by the history
        stale.append(claim)
    if stale:
        bulk_update_with_history(stale, Claim, _PROPOSAL_FIELDS, default_change_reason=RESCORED)
    return moved


def _next_state(claim: Claim, sentence: Sentence, taken: set[tuple[int, int]]) -> tuple[str, str]:
    """The status an untouched proposal takes from its sentence's new score, and why."""
    if claim.status == ClaimStatus.NEW and not sentence.checkworthy:
        return ClaimStatus.DISMISSED, WITHDRAWN
    # A withdrawn proposal comes back only if nobody has marked its text meanwhile.
    if (
        claim.status == ClaimStatus.DISMISSED
        and sentence.checkworthy
        and (claim.start, claim.end) not in taken
    ):
        return ClaimStatus.NEW, PROPOSED_AGAIN
    return claim.status, RESCORED


def article_lock(*, article_id: int) -> None:
    """Hold the article's row lock until the transaction ends.

    The pipeline steps hold it while they write claims, and every desk service
    that adds, dismisses or restores a claim takes it first, before the claim's
    own lock (the pipeline's order, so the two cannot deadlock).  It orders a
    person marking a sentence against the detector proposing it, and makes
    :func:`article_count_claims` count every change committed before it.
    """
    list(Article.objects.select_for_update().filter(pk=article_id).values_list("pk", flat=True))


def article_count_claims(*, article_id: int) -> None:
    """Store the article's claim count: its claims that are not dismissed.

    That is what the desk highlights and what ``/api/claims/?article=`` lists
    without the dismissed ones.  The caller holds :func:`article_lock`.
    """
    Article.objects.filter(pk=article_id).update(claim_count=_claims_counted())


def _claims_counted() -> Coalesce:
    counted = (
        Claim.objects.filter(article_id=OuterRef("pk"))
        .undismissed()
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def claimant_from_spans(text: str, spans: list[Any], context: str = "") -> str:
    """Who made the claim: the detector's ``claimant`` span, the name alone.

    Spans stored before that kind existed, and pronouns or references back ("he
    said", "the ministry said") that ``context`` (the previous sentences) resolves,
    go through the claimant extractor; an ``attribution`` span, which holds the
    verb too, is never the claimant.
    """
    for start, end, kind in spans:
        if kind == "claimant":
            return text[start:end][:300]
    return claimant_name(text, context)[:300]


# Sentences before a pronoun that the claimant extractor reads to resolve it.
_CLAIMANT_CONTEXT_SENTENCES = 3


def sentence_claimant(sentence: Sentence) -> str:
    """The sentence's claimant, a pronoun resolved from the article's previous sentences."""
    context = ""
    if not any(kind == "claimant" for _, _, kind in sentence.spans) and needs_context(
        sentence.text
    ):
        previous = Sentence.objects.filter(
            article_id=sentence.article_id, index__lt=sentence.index
        ).order_by("-index")[:_CLAIMANT_CONTEXT_SENTENCES]
        context = " ".join(reversed([s.text for s in previous]))
    return claimant_from_spans(sentence.text, sentence.spans, context)


def article_finish_if_done(*, article_id: int) -> bool:
    """Mark the article ready once every sentence has a score; True if this call did it."""
    if Sentence.objects.filter(article_id=article_id, score__isnull=True).exists():
        return False
    versions = list(
        Sentence.objects.filter(article_id=article_id)
        .order_by()
        .values_list("detector_version", flat=True)
        .distinct()[:2]
    )
    finished = Article.objects.filter(pk=article_id, status=ArticleStatus.PROCESSING).update(
        status=ArticleStatus.READY,
        error="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
        sentence_count=Sentence.objects.filter(article_id=article_id).count(),
        claim_count=_claims_counted(),
        detector_version=versions[0] if len(versions) == 1 else "mixed",
    )
    return bool(finished)


def article_fail(*, article_id: int, reason: str) -> bool:
    """Mark a pending article failed with the reason, counting the failed attempt.

    A failed step rolls back whole, its own attempt count included, so the
    failure paths count their attempt here.  True if the article was pending.
    """
    return bool(
        Article.objects.filter(pk=article_id)
        .pending()
        .update(
            status=ArticleStatus.FAILED,
            error=reason[:2000],
            updated_at=timezone.now(),
            finished_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    )


def article_note_retry(*, article_id: int, reason: str) -> bool:
    """Record a failed attempt that will be retried: counted, with its reason kept."""
    return bool(
        Article.objects.filter(pk=article_id)
        .pending()
        .update(
            error=f"retrying after: {reason}"[:2000],
            updated_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    )


def article_retry(*, article_id: int) -> bool:
    """Put a failed article back in the queue (an editor's action after fixing the cause)."""
    with transaction.atomic():
        updated = Article.objects.filter(pk=article_id, status=ArticleStatus.FAILED).update(
            status=ArticleStatus.QUEUED, error="", finished_at=None, updated_at=timezone.now()
        )
        if updated:
            article_enqueue(article_id=article_id)
    return bool(updated)


def article_redetect(*, article_id: int) -> bool:
    """Queue a finished article to be scored again by the current detector.

    Scores are cleared and recomputed through the normal pipeline; claims marked
    by hand, and every claim a person has acted on, are left as they are, and
    each untouched suggestion follows its sentence's new score (re-scored,
    withdrawn or proposed again: :func:`_detected_claims_create`).
    Returns False for an article that is still pending.
    """
    with transaction.atomic():
        updated = Article.objects.filter(
            pk=article_id, status__in=[ArticleStatus.READY, ArticleStatus.FAILED]
        ).update(status=ArticleStatus.QUEUED, error="", finished_at=None, updated_at=timezone.now())
        if not updated:
            return False
        Sentence.objects.filter(article_id=article_id).update(score=None)
        article_enqueue(article_id=article_id)
    return True
