"""Every write for articles, sentences and detected claims (views, API, commands, tasks and
tests call these): ingestion, the pipeline steps and the sweeper."""

from claims.services.ingestion import (
    EARLIEST_DATE,
    LATEST_DATE,
    DuplicateArticle,
    article_create,
    article_create_from_source,
    check_published_at,
)
from claims.services.pipeline import (
    PROPOSED_AGAIN,
    RESCORED,
    WITHDRAWN,
    Batch,
    article_count_claims,
    article_detect_batch,
    article_enqueue,
    article_fail,
    article_finish_if_done,
    article_lock,
    article_note_retry,
    article_process,
    article_redetect,
    article_retry,
    article_split,
    claimant_from_spans,
    sentence_claimant,
)
from claims.services.sweeper import requeue_stuck

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "PROPOSED_AGAIN",
    "RESCORED",
    "WITHDRAWN",
    "Batch",
    "DuplicateArticle",
    "article_count_claims",
    "article_create",
    "article_create_from_source",
    "article_detect_batch",
    "article_enqueue",
    "article_fail",
    "article_finish_if_done",
    "article_lock",
    "article_note_retry",
    "article_process",
    "article_redetect",
    "article_retry",
    "article_split",
    "check_published_at",
    "claimant_from_spans",
    "requeue_stuck",
    "sentence_claimant",
]
