from __future__ import annotations

import time
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q
from tqdm import tqdm

from claims import services
from claims.detection import get_detector
from claims.models import Article, ArticleStatus, Sentence


class Command(BaseCommand):
    help = (
        "Score sentences again with the current detector, through the task queue. "
        "Claims marked by hand and claims a person has acted on are left untouched; "
        "untouched suggestions whose sentence is no longer check-worthy are withdrawn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--article",
            type=int,
            action="append",
            metavar="ID",
            help="an article id (repeat for several)",
        )
        target.add_argument("--all", action="store_true", help="every finished article")
        parser.add_argument(
            "--wait",
            action="store_true",
            help="stay and show scoring progress until the articles are done",
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        ids = self._targets(options)
        self.stdout.write(f"detector: {get_detector().version}")
        queued = []
        for article_id in tqdm(
            ids, unit="article", disable=options["no_progress"], file=cast(TextIO, self.stderr._out)
        ):
            if services.article_redetect(article_id=article_id):
                queued.append(article_id)
        skipped = len(ids) - len(queued)
        self.stdout.write(
            f"queued {len(queued)} article(s) for re-detection"
            + (f"; skipped {skipped} still processing" if skipped else "")
        )
        if options["wait"] and queued:
            self._wait(queued, options["no_progress"])

    def _targets(self, options: dict[str, Any]) -> list[int]:
        if options["all"]:
            return list(
                Article.objects.filter(status__in=[ArticleStatus.READY, ArticleStatus.FAILED])
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        ids: list[int] = options["article"]
        found = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = sorted(set(ids) - found)
        if missing:
            raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        return ids

    def _wait(self, ids: list[int], quiet: bool) -> None:
        total = Sentence.objects.filter(article_id__in=ids).count()
        bar = tqdm(total=total, unit="sentence", disable=quiet, file=cast(TextIO, self.stderr._out))
        while True:
            progress = Sentence.objects.filter(article_id__in=ids).aggregate(
                scored=Count("pk", filter=Q(score__isnull=False))
            )
            bar.update(progress["scored"] - bar.n)
            if not Article.objects.filter(pk__in=ids).pending().exists():
                break
            time.sleep(1)
        bar.close()
        failed = Article.objects.filter(pk__in=ids, status=ArticleStatus.FAILED).count()
        self.stdout.write(f"done: {len(ids) - failed} ready, {failed} failed")
