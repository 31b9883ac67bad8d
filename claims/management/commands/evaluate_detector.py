from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.detection.model import DEFAULT_MODEL_PATH, load_model
from claims.detection.training.datasets import NEWS_PATH, add_data_argument, load_splits, merged


class Command(BaseCommand):
    help = (
        "Print precision, recall, F1, ROC AUC, average precision, Brier score and "
        "precision at k of the trained detector for each split and the news set, beside a "
        "TF-IDF + logistic regression baseline trained in the same run and the transparent "
        "features detector, with a reliability table of the model's scores; then whether the "
        "model travels: F1 on whole held-out debates (the fifth of groundtruth.tsv with the "
        "highest sentence ids) of a model fitted the same way without them, beside the "
        "shipped model on the random held-out tenth and the baseline on both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_data_argument(parser)
        parser.add_argument("--news", type=Path, default=NEWS_PATH, help="the news evaluation set")
        parser.add_argument(
            "--model", type=Path, default=DEFAULT_MODEL_PATH, help="the model file to evaluate"
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="decision threshold (default: the model file's)",
        )
        parser.add_argument(
            "--no-baseline", action="store_true", help="skip training the baselines"
        )
        parser.add_argument(
            "--no-debates",
            action="store_true",
            help="skip the held-out debates evaluation (it fits a second model, about a minute)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data: Path = options["data"]
        if not (data / "groundtruth.tsv").exists():
            raise CommandError(f"No ClaimBuster data in {data}; pass --data DIR")
        try:
            from claims.detection.training.evaluation import (
                Baseline,
                evaluate,
                features_report,
                format_held_out_debates,
                format_report,
            )
            from claims.detection.training.fit import held_out_debates
            from claims.detection.training.metrics import classification_report
        except ImportError as exc:
            raise CommandError(
                "Evaluating needs the optional 'train' extra: pip install -e '.[train]' "
                f"(missing: {exc.name})"
            ) from exc
        model = load_model(options["model"])
        if options["threshold"] is not None:
            model.meta["threshold"] = options["threshold"]
        splits = load_splits(data, options["news"])
        self.stdout.write(
            f"model {model.version} ({options['model']}), threshold {model.threshold}"
        )
        for name, split in splits.items():
            self.stdout.write(
                f"split {name}: {len(split.labels)} sentences, {sum(split.labels)} check-worthy"
            )
        baseline = None if options["no_baseline"] else Baseline(splits["train"])
        results = evaluate(model, splits, baseline)
        if baseline is not None:
            # The same baseline given the news training sentences too: how much of the
            # model's gain on news comes from that data rather than from the model.
            with_news = Baseline(merged("train+news", splits["train"], splits["news_train"]))
            for name, split in splits.items():
                results[name]["base+news"] = classification_report(
                    split.y, with_news.scores(split.texts), 0.5
                )
        for name, split in splits.items():
            results[name]["features"] = features_report(split)
        self.stdout.write(format_report(results))
        if options["no_debates"]:
            return
        self.stdout.write(
            "\nHeld-out debates: a model fitted by the same code and parameters without the "
            "fifth of groundtruth.tsv with the highest sentence ids (whole debates; "
            "training.datasets.load_debate_splits), scored on those debates:"
        )
        self.stdout.write(
            format_held_out_debates(held_out_debates(model, data, news_path=options["news"]))
        )
