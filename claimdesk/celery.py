"""The Celery application; configuration comes from Django settings (CELERY_*)."""

from __future__ import annotations

import os

from celery import Celery

from claims.worker import FlushOutboxOnConnect

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimdesk.settings")

app = Celery("claimdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.steps["consumer"].add(FlushOutboxOnConnect)
