"""Domain events of the desk, sent by the services that cause them.

Each signal is sent once per change, by the service in ``annotate.services`` that made
it, *inside* that service's transaction and after the change is saved: a receiver that
writes (publishing writes one webhook delivery per endpoint) commits or rolls back with
the change, and one that raises undoes it.  Work that must wait for the commit (a Celery
task, an HTTP call) is the receiver's to defer with ``transaction.on_commit``.

``sender`` is always ``Claim``.  Receivers take ``**kwargs`` and stay thin: they call a
service of their own app.  Annotate sends these and knows nothing of who listens, so the
apps that depend on it (publishing) subscribe without annotate importing them.

- ``claim_published(sender, claim, decision, by)``: ``claim`` has just become
  published with ``decision``, its current final verdict.
- ``claim_unpublished(sender, claim, by, reason)``: ``claim`` was published and has
  been withdrawn (it is back to reviewed); ``reason`` is the editor's text, maybe empty.
- ``verdict_corrected(sender, claim, decision, previous, by)``: the verdict of a
  published claim was corrected; ``decision`` is the new current decision (with its
  ``correction_note``), ``previous`` the one it superseded.  Not sent for a decision
  recorded while the claim is not published.
"""

from __future__ import annotations

from django.dispatch import Signal

claim_published = Signal()
claim_unpublished = Signal()
verdict_corrected = Signal()
