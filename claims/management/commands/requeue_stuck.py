from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from claims import services


class Command(BaseCommand):
    help = "Re-queue articles stuck in 'queued' or 'processing' (lost message, killed worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.CLAIMDESK_STUCK_AFTER_SECONDS,
            metavar="SECONDS",
            help="only articles not updated for this long (default: CLAIMDESK_STUCK_AFTER_SECONDS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = services.requeue_stuck(older_than=timedelta(seconds=options["older_than"]))
        if ids:
            self.stdout.write(f"re-queued {len(ids)} article(s): {', '.join(map(str, ids))}")
        else:
            self.stdout.write("no stuck articles")
