from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.detection import get_detector
from claims.detection.claimant import claimant_name
from claims.detection.model import DEFAULT_MODEL_PATH, load_model
from claims.detection.training.claim_types import suggestion_figures, type_confusion
from claims.detection.training.claimants import (
    CLAIMANTS_HELDOUT_PATH,
    CLAIMANTS_PATH,
    ClaimantExample,
    ClaimantReport,
    format_claimant_reports,
    load_claimants,
    score_claimants,
)
from claims.detection.training.datasets import (
    NEWS_LABELS_PATH,
    NEWS_PATH,
    add_data_argument,
    load_labels,
    load_splits,
    load_tsv,
    merged,
)


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
            "--claimants",
            type=Path,
            nargs="+",
            default=[CLAIMANTS_PATH, CLAIMANTS_HELDOUT_PATH],
            help="the claimant sets (default: the set and its held-out part)",
        )
        parser.add_argument(
            "--claimants-only",
            action="store_true",
            help="print the claim-type, suggestion and claimant figures alone (no ClaimBuster "
            "data needed)",
        )
        parser.add_argument(
            "--no-debates",
            action="store_true",
            help="skip the held-out debates evaluation (it fits a second model, about a minute)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(self.type_figures())
        for path in options["claimants"]:
            self.stdout.write(self.claimant_figures(path))
        if options["claimants_only"]:
            return
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

    def type_figures(self) -> str:
        """The configured detector on the labelled news set: its suggestions against the
        priority a fact-checker gave each sentence, and its claim types against theirs."""
        news, labels = load_tsv(NEWS_PATH), load_labels(NEWS_LABELS_PATH)
        gold = [labels[sentence_id] for sentence_id in news.ids]
        detections = get_detector().detect(news.texts)
        return "\n".join(
            [
                f"news set ({NEWS_PATH.name}, labels {NEWS_LABELS_PATH.name}), "
                f"detector {get_detector().version}",
                suggestion_figures([p for _, p in gold], [d.checkworthy for d in detections]),
                "claim types (Full Fact's schema), gold rows against the detector's columns:",
                type_confusion([t for t, _ in gold], [d.claim_type for d in detections]),
                "",
            ]
        )

    def claimant_figures(self, path: Path) -> str:
        """The claimant extractors' exact-match accuracy on the claimant set."""
        examples = load_claimants(path)
        reports = [
            current_claimants(examples),
            score_claimants("alone", examples, [claimant_name(e.sentence) for e in examples]),
            score_claimants(
                "context", examples, [claimant_name(e.sentence, e.context) for e in examples]
            ),
        ]
        lines = [
            f"claimants: {len(examples)} sentences ({path.name}); exact match of the "
            "claimant's name, and how many named claimants hold a reporting verb or 'report'",
            "  attribution: the first attribution span of the configured detector (the "
            "claimant before claims.detection.claimant), sentence alone",
            "  alone: claims.detection.claimant on the sentence alone (pronouns and "
            "references back cannot be resolved)",
            "  context: the same given the article's previous sentence(s)",
            format_claimant_reports(reports),
            "",
        ]
        return "\n".join(lines)


def current_claimants(examples: list[ClaimantExample]) -> ClaimantReport:
    """The claimant as the pipeline took it before: the first attribution span's text."""
    sentences = [e.sentence for e in examples]
    detections = get_detector().detect(sentences)
    predictions = [
        next((text[s:e] for s, e, kind in d.spans if kind == "attribution"), "")
        for text, d in zip(sentences, detections, strict=True)
    ]
    return score_claimants("attribution", examples, predictions)
