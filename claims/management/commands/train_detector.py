from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.detection.model import DEFAULT_ENCODER_MODEL_PATH, DEFAULT_MODEL_PATH
from claims.detection.training.datasets import NEWS_PATH, add_data_argument


class Command(BaseCommand):
    help = (
        "Build the check-worthiness model from the ClaimBuster data with a fixed seed and "
        "write it as one .npz file (no pickle), with its data hashes, parameters and metrics."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_data_argument(parser)
        parser.add_argument(
            "--news",
            type=Path,
            default=NEWS_PATH,
            help="the news evaluation set (evaluated, never trained on)",
        )
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help=f"where to write the model file (default {DEFAULT_MODEL_PATH.name}, "
            f"or {DEFAULT_ENCODER_MODEL_PATH.name} with --encoder)",
        )
        parser.add_argument(
            "--encoder",
            action="store_true",
            help="embed sentences with the full all-MiniLM-L6-v2 encoder instead of the "
            "static table: the optional 'encoder' detector (needs the 'distill' extra)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="seed of the cross-validation folds (default: TrainParams.seed, the "
            "committed model's)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="do not write: retrain and fail unless the model at --out has the same "
            "version, threshold and decisions on the development split, with scores "
            "within the tolerance of training.fit.SCORE_TOLERANCE",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data: Path = options["data"]
        if not (data / "groundtruth.tsv").exists() or not (data / "crowdsourced.tsv").exists():
            raise CommandError(f"No ClaimBuster data in {data}; pass --data DIR")
        try:
            from claims.detection.training.evaluation import format_report
            from claims.detection.training.fit import TrainParams, same_predictions, train
        except ImportError as exc:
            raise CommandError(
                "Training needs the optional 'train' extra: pip install -e '.[train]' "
                f"(missing: {exc.name})"
            ) from exc
        params = TrainParams() if options["seed"] is None else TrainParams(seed=options["seed"])
        self.stdout.write(f"training on {data} with {params}")
        try:
            model, results = train(data, params, options["news"], encoder=options["encoder"])
        except RuntimeError as exc:  # the optional extra is missing
            raise CommandError(str(exc)) from exc
        for note in model.meta["loader_notes"]:
            self.stdout.write(f"data: {note}")
        self.stdout.write(format_report(results, reliability=False))
        out: Path = options["out"] or (
            DEFAULT_ENCODER_MODEL_PATH if options["encoder"] else DEFAULT_MODEL_PATH
        )
        if options["check"]:
            problems = same_predictions(model, out, data)
            if problems:
                raise CommandError(f"{out} differs from a fresh build: {problems}")
            self.stdout.write(self.style.SUCCESS(f"{out} matches a fresh build"))
            return
        model.save(out)
        size = out.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"wrote {out} ({size / 1024:.0f} KiB), version {model.version}, "
                f"threshold {model.threshold}"
            )
        )
