from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.detection.embeddings import DEFAULT_EMBEDDINGS_PATH
from claims.detection.training.distill import distill


class Command(BaseCommand):
    help = (
        "Distil the sentence encoder all-MiniLM-L6-v2 (installed locally by the optional "
        "'distill' extra; nothing is downloaded) into the static embedding table the "
        "check-worthiness model reads. Retrain the model afterwards (train_detector): "
        "a model refuses any table but the one it was trained with."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dims", type=int, default=128, help="dimensions kept by PCA (default 128)"
        )
        parser.add_argument(
            "--out",
            type=Path,
            default=DEFAULT_EMBEDDINGS_PATH,
            help="where to write the table",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 8 <= options["dims"] <= 384:
            raise CommandError("--dims must lie between 8 and 384 (the encoder's width)")
        try:
            table = distill(options["dims"])
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        out: Path = options["out"]
        table.save(out)
        self.stdout.write(
            self.style.SUCCESS(
                f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB): "
                f"{table.vectors.shape[0]} word pieces x {table.dims} dimensions"
            )
        )
