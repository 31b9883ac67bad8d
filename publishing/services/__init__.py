"""Writes of the publishing app (the desk's own writes stay in ``annotate.services``)."""

from publishing.services.claimreview_import import (
    ImportReport,
    InvalidDocuments,
    prior_fact_checks_import,
    read_documents,
)

__all__ = ["ImportReport", "InvalidDocuments", "prior_fact_checks_import", "read_documents"]
