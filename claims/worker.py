"""Worker start-up hooks: what a Celery worker does each time it (re)connects to the broker.

Imported by ``claimdesk.celery`` before Django is set up, so nothing here may
import models; the task is sent by name.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import bootsteps

log = logging.getLogger(__name__)

OUTBOX_FLUSH_TASK = "claims.tasks.outbox_flush_task"


class FlushOutboxOnConnect(bootsteps.StartStopStep):
    """Queue an outbox flush whenever the consumer (re)connects to the broker.

    The consumer's steps start again after every lost connection, so a broker that
    comes back is followed, within seconds, by the messages that were owed while it
    was away (``claims.outbox``), even where no beat runs.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, parent: Any) -> None:
        try:
            parent.app.send_task(OUTBOX_FLUSH_TASK, kwargs={"all_owed": True})
        except Exception:  # the broker went away again: the next connection sends it
            log.warning("could not queue the outbox flush on connect", exc_info=True)
        else:
            log.info("outbox flush queued on connect")
