"""Benchmark the check-worthiness detectors: throughput and memory.

Run as `.venv/bin/python bench/detection.py [--size N]`. Prints figures only:
it never passes or fails on time. One process, one thread: the shape of a
Celery worker that loads the model once and scores batches.

Targets from issue 3: at least 5,000 sentences/s and at most 100 MB for the model.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.detection import get_detector  # noqa: E402
from claims.detection.model import DEFAULT_MODEL_PATH, ModelDetector  # noqa: E402
from claims.segmentation import split_sentences  # noqa: E402

SAMPLE = ROOT / "claims" / "demo" / "sample_article.txt"
NEWS = ROOT / "tests" / "data" / "news_checkworthy.tsv"


def rss_mib() -> float:
    """Resident set size of this process now, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def sentences() -> tuple[list[str], list[str]]:
    article = SAMPLE.read_text(encoding="utf-8")
    sample = [article[s:e] for s, e in split_sentences(article)]
    with NEWS.open(encoding="utf-8", newline="") as fh:
        news = [row[1] for row in csv.reader(fh, delimiter="\t")][1:]
    return sample, news


def rate(detect, texts: list[str], repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    for _ in range(repeat):
        detect(texts)
    return len(texts) * repeat / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000, help="sentences in the large batch")
    args = parser.parse_args()

    sample, news = sentences()
    rng = random.Random(7)
    pool = sample + news
    batch = [rng.choice(pool) for _ in range(args.size)]

    print("== Model file")
    size_kib = DEFAULT_MODEL_PATH.stat().st_size / 1024
    print(f"{DEFAULT_MODEL_PATH.relative_to(ROOT)}: {size_kib:.0f} KiB")
    before = rss_mib()
    start = time.perf_counter()
    model = ModelDetector()
    load_s = time.perf_counter() - start
    model.detect(["Warm-up: 3 people."])
    after = rss_mib()
    print(f"version {model.version}, loaded in {load_s * 1000:.0f} ms")
    print(
        f"resident memory: {before:.1f} MiB before loading, {after:.1f} MiB after: "
        f"the model takes {after - before:.1f} MiB"
    )

    print("\n== Throughput, one process (sentences/s)")
    print(f"{'detector':22} {'large batch':>12} {'sample article':>15}")
    for name, detector in (("model", model), ("features", get_detector("features"))):
        large = rate(detector.detect, batch)
        article = rate(detector.detect, sample, repeat=max(1, 20_000 // len(sample)))
        print(f"{name + ' (' + detector.version + ')':22.22} {large:12,.0f} {article:15,.0f}")
    print(
        f"\nlarge batch: {len(batch):,} sentences drawn from the sample article and the news set;"
        f" sample article: {len(sample)} sentences, scored repeatedly"
    )
    print(f"peak resident memory of the whole process: {rss_mib():.1f} MiB")


if __name__ == "__main__":
    main()
