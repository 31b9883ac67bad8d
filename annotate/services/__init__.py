"""Every write of the desk, one function per action (views, API, admin and tests call these)."""

from annotate.errors import DeskError, DeskForbidden, StaleVersion
from annotate.services.claims import (
    claim_accept,
    claim_assign,
    claim_decide,
    claim_dismiss,
    claim_mark,
    claim_publish,
    claim_restore,
    claim_set_claimant,
    claim_unassign,
    claim_unpublish,
    claims_bulk_assign,
    claims_bulk_dismiss,
    find_quote,
)
from annotate.services.reviews import (
    review_save,
    review_start,
    review_submit,
    source_add,
    source_remove,
    source_update,
)
from annotate.services.scale import verdict_clean, verdict_create, verdict_update

__all__ = [
    "DeskError",
    "DeskForbidden",
    "StaleVersion",
    "claim_accept",
    "claim_assign",
    "claim_decide",
    "claim_dismiss",
    "claim_mark",
    "claim_publish",
    "claim_restore",
    "claim_set_claimant",
    "claim_unassign",
    "claim_unpublish",
    "claims_bulk_assign",
    "claims_bulk_dismiss",
    "find_quote",
    "review_save",
    "review_start",
    "review_submit",
    "source_add",
    "source_remove",
    "source_update",
    "verdict_clean",
    "verdict_create",
    "verdict_update",
]
