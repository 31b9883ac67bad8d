"""Benchmark the exports on PostgreSQL against COPY ... TO STDOUT of the same rows.

Run as `.venv/bin/python bench/export.py [--claims 100000] [--formats csv,jsonl,...]`.
Prints figures only: it never passes or fails on time.

It creates a database of its own (``claimdesk_bench_export`` on the server of
DATABASE_URL, default postgres://postgres@127.0.0.1:5432), migrates it and fills it
with published claims, each with a current decision, a submitted review, a source and
a sentence (bulk inserts, no services: this measures the export, not the desk).  Then,
each in a fresh child process so that its peak memory is its own, it runs

* every export format through ``publishing.exports.stream`` (what the API and
  ``manage.py export`` stream), writing to a byte counter; and
* ``COPY (<the export's claim query>) TO STDOUT (FORMAT csv)``, the database's own
  floor for reading the same rows out,

and prints rows/s, MB/s, peak RSS and peak RSS above the process's start. The database
is dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 (needs the repository on the path)

FORMATS = ["csv", "jsonl", "claimreview", "webannotation", "training"]
CLAIMS_PER_ARTICLE = 100


def peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM, since ru_maxrss survives fork and exec (a child
    would report its parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- parent: the database ------------------------------------------------------------------


def populate(claims: int) -> None:
    """Published claims with decision, review, source and sentence, in bulk."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from annotate.models import Decision, Review, Source, Verdict
    from claims.models import Article, Claim, Sentence

    call_command("migrate", verbosity=0)
    reviewer = get_user_model().objects.create_user("bench-reviewer")
    verdicts = list(Verdict.objects.filter(rating_value__isnull=False))
    now = timezone.now()
    quote = "more than 13,000 people 😀"  # 25 code points, one outside the BMP
    body = " ".join(f"{i:04d} {quote} said =officials." for i in range(CLAIMS_PER_ARTICLE))
    step = len(body) // CLAIMS_PER_ARTICLE + 1
    started = time.perf_counter()
    for first in range(0, claims, 10_000):
        count = min(10_000, claims - first)
        articles = Article.objects.bulk_create(
            [
                Article(
                    title=f"Article {n}",
                    url=f"https://news.example/{n}",
                    publisher="Example",
                    body=body,
                    content_sha256=uuid.uuid4().hex * 2,
                    status="ready",
                    published_at=now,
                )
                for n in range(
                    first // CLAIMS_PER_ARTICLE, (first + count - 1) // CLAIMS_PER_ARTICLE + 1
                )
            ]
        )
        spans = [(a, i * step + 5) for a in articles for i in range(CLAIMS_PER_ARTICLE)][:count]
        sentences = Sentence.objects.bulk_create(
            [
                Sentence(
                    article=a,
                    index=s // step,
                    start=s,
                    end=s + len(quote),
                    text=quote,
                    score=0.9,
                    checkworthy=True,
                    detector_version="bench",
                )
                for a, s in spans
            ]
        )
        made = Claim.objects.bulk_create(
            [
                Claim(
                    article=a,
                    sentence=sentence,
                    start=s,
                    end=s + len(quote),
                    quote=quote,
                    origin="manual",
                    claimant="=cmd|' /C calc'!A0",
                    status="published",
                    score=0.9,
                    detector_version="bench",
                    assignee=reviewer,
                )
                for (a, s), sentence in zip(spans, sentences, strict=True)
            ]
        )
        reviews = Review.objects.bulk_create(
            [
                Review(
                    claim=c,
                    reviewer=reviewer,
                    verdict=verdicts[c.pk % len(verdicts)],
                    rationale="The official count differs; see the report.",
                    status="submitted",
                    submitted_at=now,
                )
                for c in made
            ]
        )
        Source.objects.bulk_create(
            [
                Source(
                    review=r,
                    url="https://un.example/report",
                    title="Report",
                    stance="refutes",
                    accessed_at=now.date(),
                )
                for r in reviews
            ]
        )
        Decision.objects.bulk_create(
            [
                Decision(
                    claim=c,
                    verdict=verdicts[c.pk % len(verdicts)],
                    note="Agreed.",
                    decided_by=reviewer,
                    published_at=now,
                )
                for c in made
            ]
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"== populated {claims:,} published claims in {time.perf_counter() - started:.1f} s")


# --- child: one measurement ------------------------------------------------------------------


class Counter:
    def __init__(self) -> None:
        self.bytes = 0

    def write(self, chunk: str) -> None:
        self.bytes += len(chunk.encode("utf-8"))


def measure(kind: str) -> dict[str, float]:
    import django

    django.setup()
    from claims.models import Claim, Sentence
    from publishing.exports import FORMATS as SPECS
    from publishing.exports import stream
    from publishing.exports.rows import claim_rows_queryset

    start_rss = peak_rss_mb()
    sink, rows = Counter(), [0]

    def progress(n: int) -> None:
        rows[0] += n

    started = time.perf_counter()
    if kind == "copy":
        rows[0] = copy_rows(claim_rows_queryset(Claim.objects.published()), sink)
    else:
        queryset = (
            Sentence.objects.all() if SPECS[kind].rows == "sentences" else Claim.objects.published()
        )
        for chunk in stream(kind, queryset, site="https://desk.example", progress=progress):
            sink.write(chunk)
    seconds = time.perf_counter() - started
    return {
        "rows": rows[0],
        "seconds": seconds,
        "bytes": sink.bytes,
        "peak_mb": peak_rss_mb(),
        "start_mb": start_rss,
    }


def copy_rows(queryset, sink: Counter) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    rows = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        statement = raw.mogrify(sql, params) if hasattr(raw, "mogrify") else sql
        with raw.copy(f"COPY ({statement}) TO STDOUT (FORMAT csv)") as copy:
            for block in copy:
                data = bytes(block)
                sink.bytes += len(data)
                rows += data.count(b"\n")
    return rows


# --- the run ---------------------------------------------------------------------------------


def child(kind: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--database", default="claimdesk_bench_export")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return

    database_url = common.with_path(
        os.environ.get("DATABASE_URL") or common.DEFAULT_SERVER, args.database
    )
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/export.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    common.production_settings(DATABASE_URL=database_url)
    common.recreate_database(database_url)
    try:
        import django

        django.setup()
        populate(args.claims)
        from django.db import connections

        connections.close_all()
        report(args.formats.split(","))
    finally:
        if not args.keep:
            common.drop_database(database_url)


def report(formats: list[str]) -> None:
    copy = child("copy")
    copy_rate = copy["rows"] / copy["seconds"]
    print(
        f"{'what':<15}{'rows':>9}{'s':>8}{'rows/s':>10}{'MB/s':>8}{'x COPY':>8}"
        f"{'peak MB':>9}{'+start':>8}"
    )
    line(" COPY (csv)", copy, copy_rate)
    for fmt in formats:
        line(fmt, child(fmt), copy_rate)
    print(
        "(rows/s of each format against COPY's of the claim query; peak MB is the child "
        "process's peak RSS, +start what it added after Django was set up)"
    )


def line(label: str, figures: dict[str, float], copy_rate: float) -> None:
    rate = figures["rows"] / figures["seconds"]
    print(
        f"{label:<15}{figures['rows']:>9,.0f}{figures['seconds']:>8.2f}{rate:>10,.0f}"
        f"{figures['bytes'] / figures['seconds'] / 1e6:>8.1f}{rate / copy_rate:>8.2f}"
        f"{figures['peak_mb']:>9.0f}{figures['peak_mb'] - figures['start_mb']:>8.0f}"
    )


if __name__ == "__main__":
    main()
