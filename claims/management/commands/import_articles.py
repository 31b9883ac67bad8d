from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims import services
from claims.importing import count_inputs, expand_paths, read_inputs
from claims.ingestion import ArticleRejected


class Command(BaseCommand):
    help = (
        "Import articles from text, Markdown or HTML files, folders of them, and JSONL files "
        "(one object per line: title, body, url, published_at, publisher, author, language)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders or JSONL files")
        parser.add_argument("--user", help="user name recorded as the importer")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options.get("user"))
        files = list(expand_paths(options["paths"]))
        counts: Counter[str] = Counter()
        rejections: list[str] = []
        duplicates: list[str] = []
        bar = tqdm(
            total=count_inputs(files),
            unit="article",
            disable=options["no_progress"],
            file=self.stderr._out,
        )
        for item in read_inputs(files):
            bar.update(1)
            try:
                if item.error is not None:
                    raise item.error
                article = services.article_create_from_source(
                    text=item.text, kind=item.kind, created_by=user, **item.metadata
                )
            except services.DuplicateArticle as exc:
                counts["duplicate"] += 1
                duplicates.append(f"{item.label}: duplicate of article {exc.existing.pk}")
            except ArticleRejected as exc:
                counts["rejected"] += 1
                message = (
                    exc.message
                    if exc.message.startswith(item.label)
                    else (f"{item.label}: {exc.message}")
                )
                rejections.append(message)
            else:
                counts["imported"] += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"{item.label}: article {article.pk}")
        bar.close()
        self._summary(counts, duplicates, rejections)

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None

    def _summary(self, counts: Counter[str], duplicates: list[str], rejections: list[str]) -> None:
        for line in duplicates:
            self.stdout.write(self.style.WARNING(line))
        for line in rejections:
            self.stdout.write(self.style.ERROR(line))
        self.stdout.write(
            f"imported {counts['imported']}, duplicate {counts['duplicate']}, "
            f"rejected {counts['rejected']}"
        )
        if counts["rejected"]:
            raise CommandError(f"{counts['rejected']} input(s) rejected; see the reasons above")
