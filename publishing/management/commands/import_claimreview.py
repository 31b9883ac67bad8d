"""manage.py import_claimreview FILE...: prior fact-checks from ClaimReview JSON-LD."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from publishing import services
from publishing.services.claimreview_import import Invalid


class Command(BaseCommand):
    help = (
        "Import ClaimReview JSON-LD (one object, an array, or JSON Lines) as prior "
        "fact-checks. Invalid documents are skipped and reported with where they are; "
        "--strict imports nothing when any is invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Import nothing from a file with an invalid document.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for path in options["files"]:
            failed |= self._import(path, strict=options["strict"])
        if failed:
            raise CommandError("Some documents were not imported (see above).")

    def _import(self, path: Path, *, strict: bool) -> bool:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.stderr.write(f"{path}: cannot read it ({error}).")
            return True
        try:
            report = services.prior_fact_checks_import(text=text, by=None, strict=strict)
        except Invalid as invalid:
            self.stderr.write(f"{path}: {invalid.where}: {invalid.message}. Nothing imported.")
            return True
        except services.InvalidDocuments as invalid:
            for where, message in invalid.problems:
                self.stderr.write(f"{path}: {where}: {message}")
            self.stderr.write(f"{path}: {invalid}")
            return True
        self.stdout.write(f"{path}: imported {report.imported}, skipped {len(report.skipped)}.")
        for where, reason in report.skipped:
            self.stdout.write(f"  skipped {where}: {reason}")
        return False
