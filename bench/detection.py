"""Benchmark the check-worthiness detectors: throughput and memory.

Run as `.venv/bin/python bench/detection.py [--size N]`. Prints figures only:
it never passes or fails on time. One process, one thread: the shape of a
Celery worker that loads the model once and scores batches.

Targets from issue 3: at least 5,000 sentences/s and at most 100 MB for the model.
The optional encoder detector (the 'distill' extra) is measured too where it is
installed; it is not held to those targets.
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
from claims.detection.embeddings import DEFAULT_EMBEDDINGS_PATH  # noqa: E402
from claims.detection.model import DEFAULT_MODEL_PATH, ModelDetector  # noqa: E402
from claims.segmentation import split_sentences  # noqa: E402

SAMPLE = ROOT / "claims" / "demo" / "sample_article.txt"
# The labelled news sentences (read directly: importing the training package would
# load scikit-learn into the process whose memory this measures).
NEWS = ROOT / "claims" / "detection" / "training" / "data" / "news_checkworthy.tsv"


def rss_mib(field: str = "VmRSS") -> float:
    """Resident set size of this process now (VmHWM: its peak), from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
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

    print("== Model files")
    for path in (DEFAULT_MODEL_PATH, DEFAULT_EMBEDDINGS_PATH):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:,.0f} KiB")
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
    print(f"peak resident memory of the whole process: {rss_mib('VmHWM'):.1f} MiB")

    print("\n== Optional encoder detector (the 'distill' extra; not held to the targets)")
    before = rss_mib()
    try:
        encoder = get_detector("encoder")
    except ValueError as exc:
        print(f"not available: {str(exc).splitlines()[0]}")
        return
    large = rate(encoder.detect, batch[:2_000])
    article = rate(encoder.detect, sample, repeat=10)
    print(f"version {encoder.version}: {large:,.0f} sentences/s on 2,000 of the large batch,")
    taken = rss_mib() - before
    print(f"{article:,.0f} sentences/s on the sample article; it takes {taken:.0f} MiB")


if __name__ == "__main__":
    main()
