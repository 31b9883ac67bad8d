"""manage.py import_articles PATH...: files, folders and JSONL files, one article each.

Per input, not all-or-nothing: each article is created in its own transaction,
a bad input (a file, a JSONL line) is reported with ``file:line`` and its reason
and counted as rejected, and the others are still imported.  A bulk import is
run again after its bad lines are fixed, and the content hash turns everything
that was imported the first time into a counted duplicate, so nothing is lost
and nothing is imported twice.  The command exits non-zero when anything was
rejected, and never with a traceback unless ``--traceback`` asks for one.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO, cast

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DataError, IntegrityError, InterfaceError, OperationalError
from tqdm import tqdm

from claimdesk.types import User
from claims import services
from claims.extraction import ArticleRejected
from claims.importing import ImportInput, count_inputs, expand_paths, read_inputs

log = logging.getLogger(__name__)


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    duplicates: list[str] = field(default_factory=list)
    rejections: list[str] = field(default_factory=list)

    def reject(self, label: str, message: str) -> None:
        self.counts["rejected"] += 1
        self.rejections.append(message if message.startswith(label) else f"{label}: {message}")


class Command(BaseCommand):
    help = (
        "Import articles from text, Markdown or HTML files, folders of them, and JSONL files "
        "(one object per line: title, body, url, published_at, publisher, author, language). "
        "Each input is imported on its own; bad ones are reported with file:line and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="files, folders or JSONL files")
        parser.add_argument("--user", help="user name recorded as the importer")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options.get("user"))
        files = list(expand_paths(options["paths"]))
        tally = Tally()
        bar = tqdm(
            total=count_inputs(files),
            unit="article",
            disable=options["no_progress"],
            file=cast(TextIO, self.stderr._out),
        )
        label = ""
        try:
            for item in read_inputs(files):
                label = item.label
                bar.update(1)
                self._import_one(item, user, tally, verbose=options["verbosity"] > 1)
        except (KeyboardInterrupt, OperationalError, InterfaceError) as exc:
            # The database went away or the run was stopped: what was imported
            # stays (one transaction per article), and the summary says so.
            bar.close()
            self._summary(tally)
            raise CommandError(
                f"stopped at {label or 'the start'} ({type(exc).__name__}: {exc}); the inputs "
                "before it were imported, run the command again to import the rest "
                "(those already imported are counted as duplicates)"
            ) from exc
        bar.close()
        self._summary(tally)
        if tally.counts["rejected"]:
            raise CommandError(
                f"{tally.counts['rejected']} input(s) rejected; see the reasons above"
            )

    def _import_one(self, item: ImportInput, user: User, tally: Tally, *, verbose: bool) -> None:
        try:
            if item.error is not None:
                raise item.error
            article = services.article_create_from_source(
                text=item.text, kind=item.kind, created_by=user, **item.metadata
            )
        except services.DuplicateArticle as exc:
            tally.counts["duplicate"] += 1
            tally.duplicates.append(f"{item.label}: duplicate of article {exc.existing.pk}")
        except ArticleRejected as exc:
            tally.reject(item.label, exc.message)
        except (DataError, IntegrityError, ValueError) as exc:
            # Input the checks above should have refused; the database or a parser
            # did.  Still one bad input, not the end of the run.
            log.debug("import_articles: %s refused", item.label, exc_info=True)
            tally.reject(item.label, f"could not be stored ({type(exc).__name__}: {exc})")
        else:
            tally.counts["imported"] += 1
            if verbose:
                self.stdout.write(f"{item.label}: article {article.pk}")

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None

    def _summary(self, tally: Tally) -> None:
        for line in tally.duplicates:
            self.stdout.write(self.style.WARNING(line))
        for line in tally.rejections:
            self.stdout.write(self.style.ERROR(line))
        counts = tally.counts
        self.stdout.write(
            f"imported {counts['imported']}, duplicate {counts['duplicate']}, "
            f"rejected {counts['rejected']}"
        )
