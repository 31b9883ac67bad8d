"""Writes of the publishing app (the desk's own writes stay in ``annotate.services``)."""

from publishing.services.claimreview_import import (
    ImportReport,
    InvalidDocuments,
    prior_fact_checks_import,
    read_documents,
)
from publishing.services.webhooks import (
    webhook_event_emit,
    webhook_register,
    webhook_remove,
)

__all__ = [
    "ImportReport",
    "InvalidDocuments",
    "prior_fact_checks_import",
    "read_documents",
    "webhook_event_emit",
    "webhook_register",
    "webhook_remove",
]
