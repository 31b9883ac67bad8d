"""Benchmark the sentence segmenter against pySBD and sentencex.

Run as `.venv/bin/python bench/segmentation.py [GOLDEN_RULES]`. Prints figures
only: it never passes or fails on time.

GOLDEN_RULES is pySBD's `benchmarks/english_golden_rules.py`, its 0.3.3 sdist
(.tar.gz) or an unpacked sdist folder; it can also come from the environment
variable CLAIMDESK_GOLDEN_RULES. Without either, the sdist is fetched with pip
into a temporary folder. The rules are third-party test data and stay out of
the repository. The file is read with `ast.literal_eval`, never executed.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.segmentation import split_sentences  # noqa: E402

SAMPLE = ROOT / "claims" / "demo" / "sample_article.txt"
RULES_MEMBER = "benchmarks/english_golden_rules.py"
Rules = list[tuple[str, list[str]]]
Segmenter = Callable[[str], list[str]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("golden_rules", nargs="?", default=os.environ.get("CLAIMDESK_GOLDEN_RULES"))
    parser.add_argument("--size", type=int, default=2_000_000, help="chars of the large text")
    args = parser.parse_args()

    segmenters = available_segmenters()
    print("== Golden rules (pySBD 0.3.3, English)")
    rules = load_rules(args.golden_rules)
    if rules is not None:
        for name, segment in segmenters.items():
            report_rules(name, segment, rules)

    print("\n== Sample article", SAMPLE.relative_to(ROOT))
    article = SAMPLE.read_text(encoding="utf-8")
    for index, (start, end) in enumerate(split_sentences(article)):
        print(f"{index:3d} [{start:5d}:{end:5d}] {article[start:end]}")

    print("\n== Throughput")
    text = large_text(article, args.size)
    report_throughput(segmenters, text)
    report_growth(text)


def available_segmenters() -> dict[str, Segmenter]:
    def ours(text: str) -> list[str]:
        return [text[start:end] for start, end in split_sentences(text)]

    segmenters: dict[str, Segmenter] = {"claimdesk": ours}
    try:
        import pysbd
    except ImportError:
        print("pysbd is not installed: skipped")
    else:
        pysbd_segmenter = pysbd.Segmenter(language="en", clean=False)

        def with_pysbd(text: str) -> list[str]:
            # Per paragraph, as the pipeline would have to call it: pySBD grows
            # worse than linearly on long input.
            lines = (line for line in text.splitlines() if line.strip())
            return [s.strip() for line in lines for s in pysbd_segmenter.segment(line) if s.strip()]

        segmenters[f"pysbd {pysbd.__version__}"] = with_pysbd
    try:
        import sentencex
    except ImportError:
        print("sentencex is not installed: skipped")
    else:

        def with_sentencex(text: str) -> list[str]:
            return [s.strip() for s in sentencex.segment("en", text) if s.strip()]

        segmenters["sentencex"] = with_sentencex
    return segmenters


def load_rules(location: str | None) -> Rules | None:
    try:
        if location:
            return parse_rules(read_rules_source(Path(location)))
        with tempfile.TemporaryDirectory() as tmp:
            return parse_rules(read_rules_source(download_sdist(Path(tmp))))
    except (OSError, ValueError, SyntaxError, subprocess.SubprocessError, tarfile.TarError) as e:
        print(f"CANNOT LOAD THE GOLDEN RULES ({e}); pass the path of {RULES_MEMBER},")
        print("the pysbd 0.3.3 sdist, or set CLAIMDESK_GOLDEN_RULES. Golden rules skipped.")
        return None


def download_sdist(folder: Path) -> Path:
    print("downloading the pysbd 0.3.3 sdist with pip ...")
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    command += ["--no-binary", ":all:", "pysbd==0.3.3", "-d", str(folder)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    sdist = next(folder.glob("pysbd-*.tar.gz"), None)
    if sdist is None:
        raise OSError(f"pip left no pysbd sdist in {folder}")
    return sdist


def read_rules_source(location: Path) -> str:
    if location.is_dir():
        found = next(location.rglob(RULES_MEMBER), None) or location / RULES_MEMBER
        return found.read_text(encoding="utf-8")
    if location.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(location) as archive:
            members = (m for m in archive.getmembers() if m.name.endswith(RULES_MEMBER))
            member = next(members, None)
            extracted = archive.extractfile(member) if member else None
            if extracted is None:
                raise ValueError(f"no {RULES_MEMBER} in {location}")
            return extracted.read().decode("utf-8")
    return location.read_text(encoding="utf-8")


def parse_rules(source: str) -> Rules:
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "GOLDEN_EN_RULES"
            for target in node.targets
        ):
            return [(text, list(expected)) for text, expected in ast.literal_eval(node.value)]
    raise ValueError("no GOLDEN_EN_RULES in the file")


def report_rules(name: str, segment: Segmenter, rules: Rules) -> None:
    failed = [
        number for number, (text, expected) in enumerate(rules, 1) if segment(text) != expected
    ]
    print(f"{name:14s} {len(rules) - len(failed)}/{len(rules)} passed; failing: {failed or 'none'}")
    for number in failed:
        print(f"{'':14s}   #{number}: {segment(rules[number - 1][0])}")


def large_text(article: str, size: int) -> str:
    """The sample article and seeded news-like paragraphs, alternating."""
    rng = random.Random(20211217)
    parts: list[str] = []
    length = 0
    while length < size:
        block = article if len(parts) % 2 == 0 else generated_paragraphs(rng, 20)
        parts.append(block)
        length += len(block)
    return "".join(parts)[:size]


SUBJECTS = [
    "The U.S. Senate",
    "Dr. Jane Roe",
    "Gen. Mark Milley",
    "The U.N. envoy",
    "Acme Inc.",
    "Officials at No. 10",
    "Sen. Elizabeth Warren",
    "The E.U. commission",
    "Mr. Smith",
]
VERBS = ["said", "warned", "announced", "denied", "confirmed", "estimated"]
OBJECTS = [
    "that costs rose to $2.5 billion",
    "that approx. 13,000 people were killed since 2014",
    "a deal at 9 a.m. Tuesday",
    "that talks resume on Jan. 6",
    "the plan (see p. 55)",
    "that the U.S. would not comment",
    "nothing at all",
    "that 4.5 percent was enough",
]
QUOTES = [
    "“We are ready,” he said.",
    "“This is great.” She left.",
    "He paused... Then he spoke.",
    "She said: “Nothing is agreed.”",
    "Is it true? Nobody knows!",
]


def generated_paragraphs(rng: random.Random, count: int) -> str:
    lines = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.1:
            lines.append(rng.choice(["Retaliatory sanctions", "What happens next", "Background"]))
        elif roll < 0.2:
            lines.append(" ".join(f"{n}. {rng.choice(OBJECTS)}" for n in range(1, 4)))
        else:
            sentences = [
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
                for _ in range(rng.randint(1, 4))
            ]
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(QUOTES))
            lines.append(" ".join(sentences))
    return "\n".join(lines) + "\n\n"


def best_time(segment: Segmenter, text: str, repeats: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        count = len(segment(text))
        best = min(best, time.perf_counter() - started)
    return best, count


def report_throughput(segmenters: dict[str, Segmenter], text: str) -> None:
    print(f"text: {len(text):,} chars, {text.count(chr(10)):,} lines (best of 3 runs, pysbd 1 run)")
    timings: dict[str, float] = {}
    for name, segment in segmenters.items():
        seconds, count = best_time(segment, text, repeats=1 if name.startswith("pysbd") else 3)
        timings[name] = seconds
        print(
            f"{name:14s} {seconds:8.3f} s {len(text) / seconds:14,.0f} chars/s "
            f"{count / seconds:12,.0f} sentences/s ({count:,} sentences)"
        )
    pysbd_name = next((name for name in timings if name.startswith("pysbd")), None)
    if pysbd_name:
        print(
            f"speed ratio claimdesk / {pysbd_name} per paragraph: "
            f"{timings[pysbd_name] / timings['claimdesk']:.1f}x"
        )


def report_growth(text: str) -> None:
    def ours(sample: str) -> list[str]:
        return [sample[s:e] for s, e in split_sentences(sample)]

    quarter = text[: len(text) // 4]
    small, _ = best_time(ours, quarter)
    large, _ = best_time(ours, text)
    print(
        f"claimdesk growth: {len(quarter):,} chars {small:.3f} s, {len(text):,} chars "
        f"{large:.3f} s: x{large / small:.2f} time for x4 text (linear is about 4)"
    )


if __name__ == "__main__":
    main()
