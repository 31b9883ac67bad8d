"""The desk's pages: parse the request, call one service, render.

Actions answer htmx requests with the re-rendered claim pane (errors included,
with the service's status code) and plain form posts with a redirect, so every
action works without JavaScript too. One module a page family: ``article`` (the
reading view and marking), ``claims`` (a claim's page and its workflow actions, the
claim list, bulk actions), ``reviews`` (a reviewer's review and its sources),
``scale`` (the rating scale); ``_common`` holds what they share.
"""

from annotate.views.article import article, mark
from annotate.views.claims import (
    accept,
    adjudicate,
    assign,
    bulk,
    claim_history,
    claim_list,
    claim_page,
    claim_pane,
    claimant,
    dismiss,
    publish,
    restore,
    unassign,
    unpublish,
)
from annotate.views.reviews import review_save, review_submit, source_add, source_remove
from annotate.views.scale import verdicts_page

__all__ = [
    "accept",
    "adjudicate",
    "article",
    "assign",
    "bulk",
    "claim_history",
    "claim_list",
    "claim_page",
    "claim_pane",
    "claimant",
    "dismiss",
    "mark",
    "publish",
    "restore",
    "review_save",
    "review_submit",
    "source_add",
    "source_remove",
    "unassign",
    "unpublish",
    "verdicts_page",
]
