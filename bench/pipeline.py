"""Benchmark the pipeline end to end (Redis, one Celery worker, PostgreSQL) against in-process.

Run as `.venv/bin/python bench/pipeline.py [--articles 500] [--chars 4000] [--concurrency 1]`.
Prints figures only: it never passes or fails on time.

It generates news-like articles from a fixed seed, then

1. in-process: splits and scores each text (``split_paragraphs_and_sentences`` and
   ``get_detector().detect``), no database, no broker: the ceiling;
2. end to end: creates a database of its own (``claimdesk_bench`` on the server of
   DATABASE_URL, default postgres://postgres@127.0.0.1:5432), migrates it, empties its
   Redis database (REDIS_URL, default redis://127.0.0.1:6379/15), starts one
   ``celery -A claimdesk worker``, submits every article through
   ``services.article_create`` (as the API does) and waits until all are settled.

Then it prints articles/s and sentences/s of both, their ratio, latencies
(created_at to finished_at), the worker's task times from its log, and what the
database did (transactions and rows, from pg_stat_database). The database is
dropped and the Redis database emptied at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 (needs the repository on the path)
from tests.integration import support  # noqa: E402
from tests.integration.support import Worker  # noqa: E402

DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
SETTLE_TIMEOUT = 3600.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--chars", type=int, default=4000, help="approximate length of each")
    parser.add_argument("--concurrency", type=int, default=1, help="pool size of the one worker")
    parser.add_argument("--seed", type=int, default=20240517)
    parser.add_argument("--database", default="claimdesk_bench", help="created and dropped")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    database_url = common.with_path(
        os.environ.get("DATABASE_URL") or common.DEFAULT_SERVER, args.database
    )
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/pipeline.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    redis_url = os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS
    # The bench process and its worker share these settings.
    common.production_settings(
        DATABASE_URL=database_url, REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url
    )

    texts = generate_articles(args.articles, args.chars, args.seed)
    print(
        f"== {len(texts)} articles, {sum(map(len, texts)) / len(texts):,.0f} characters "
        f"on average, seed {args.seed}"
    )
    inproc = run_in_process(texts)
    report("in-process (split + detect)", inproc)

    common.recreate_database(database_url)
    try:
        e2e = run_end_to_end(texts, database_url, redis_url, args.concurrency)
    finally:
        if not args.keep:
            common.drop_database(database_url)
    report(f"end to end (Redis, 1 worker x{args.concurrency}, PostgreSQL)", e2e)
    print(
        f"\n== ratio: end to end / in-process = {e2e['articles_s'] / inproc['articles_s']:.1%}"
        f" (articles/s), {e2e['sentences_s'] / inproc['sentences_s']:.1%} (sentences/s)"
    )


# --- Articles ----------------------------------------------------------------------------

PLACES = [
    "Kyiv",
    "Brussels",
    "Nairobi",
    "Lima",
    "Jakarta",
    "Ottawa",
    "Lagos",
    "Manila",
    "Warsaw",
    "Quito",
    "Dhaka",
    "Accra",
    "Hanoi",
    "Tbilisi",
    "Bogotá",
    "Madrid",
]
BODIES = [
    "the health ministry",
    "the central bank",
    "the statistics office",
    "the UN agency",
    "the finance committee",
    "the electoral commission",
    "the police",
    "the city council",
    "the energy regulator",
    "the World Bank",
    "a coalition of charities",
    "the army",
]
PEOPLE = [
    "Maria Lopez",
    "Ahmed Farouk",
    "Li Wei",
    "Olga Petrenko",
    "James O'Neill",
    "Amina Diallo",
    "Rahul Mehta",
    "Sofia Rossi",
    "Kwame Mensah",
    "Anna Nowak",
]
ROLES = [
    "the minister",
    "a spokesperson",
    "the governor",
    "the opposition leader",
    "an analyst",
    "the mayor",
    "a senior official",
    "the prime minister",
]
THINGS = [
    "people",
    "households",
    "jobs",
    "schools",
    "hospital beds",
    "tonnes of grain",
    "vaccine doses",
    "homes",
    "migrants",
    "voters",
    "companies",
    "soldiers",
]
TOPICS = [
    "inflation",
    "the budget",
    "unemployment",
    "the drought",
    "the ceasefire",
    "the election",
    "fuel prices",
    "the outbreak",
    "the trade deal",
    "housing",
]
VERBS = ["rose", "fell", "doubled", "dropped", "climbed", "slipped", "increased", "declined"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

TEMPLATES = [
    "{Body} said on {day} that {n:,} {thing} had been affected since {year}.",
    "According to {body}, {topic} {verb} by {pct}% in {month}, the sharpest change since {year}.",
    "“We have never seen {topic} like this,” {person} told reporters in {place}.",
    "{Person}, {role}, said the government would spend ${money} billion on {topic}.",
    "Residents of {place} gathered outside the offices of {body} on {day} morning.",
    "More than {n:,} {thing} were registered in {place} last year, up from {m:,} in {year}.",
    "The report, published in {month}, found that one in {k} {thing} was at risk.",
    "Critics said the figures from {body} were incomplete and called for an inquiry.",
    "{Role} denied that {topic} had {verb} and accused rivals of spreading rumours.",
    "Talks between {place} and {place2} resumed on {day} after a pause of {k} weeks.",
    "Unemployment in {place} stood at {pct}% in {month}, compared with {pct2}% a year earlier.",
    "It was not immediately clear how the plan would be paid for.",
    "{Person} wrote on social media that the decision was “a turning point for {place}”.",
    "The {place} region is home to about {n:,} {thing}, according to the latest census.",
    "Officials expect {topic} to remain the main issue before the vote in {month}.",
    "Prices of bread {verb} {pct}% in {k} months, {body} said in a statement.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def generate_articles(count: int, chars: int, seed: int) -> list[str]:
    """Distinct news-like texts of about ``chars`` characters, the same for the same seed."""
    rng = random.Random(seed)
    texts, seen = [], set()
    while len(texts) < count:
        text = _article(rng, chars, len(texts))
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def _article(rng: random.Random, chars: int, number: int) -> str:
    place = rng.choice(PLACES)
    paragraphs = [f"{place}, {rng.choice(MONTHS)} {rng.randint(1, 28)} (Report {number + 1})."]
    size = len(paragraphs[0])
    while size < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def _sentence(rng: random.Random) -> str:
    body, person, role = rng.choice(BODIES), rng.choice(PEOPLE), rng.choice(ROLES)
    places = rng.sample(PLACES, 2)
    n = rng.randint(120, 2_000_000)
    return rng.choice(TEMPLATES).format(
        body=body,
        Body=body[0].upper() + body[1:],
        person=person,
        Person=person,
        role=role,
        Role=role[0].upper() + role[1:],
        place=places[0],
        place2=places[1],
        thing=rng.choice(THINGS),
        topic=rng.choice(TOPICS),
        verb=rng.choice(VERBS),
        month=rng.choice(MONTHS),
        day=rng.choice(DAYS),
        year=rng.randint(1990, 2023),
        n=n,
        m=rng.randint(100, n),
        k=rng.randint(2, 12),
        pct=round(rng.uniform(0.2, 40), 1),
        pct2=round(rng.uniform(0.2, 40), 1),
        money=round(rng.uniform(0.1, 90), 1),
    )


# --- In-process ---------------------------------------------------------------------------


def run_in_process(texts: list[str]) -> dict[str, float]:
    from claims.detection import get_detector
    from claims.segmentation import split_paragraphs_and_sentences

    detector = get_detector()
    detector.detect(["Warm-up: 3 people said so in 2020."])
    sentences = 0
    started = time.perf_counter()
    for text in texts:
        spans = split_paragraphs_and_sentences(text)
        detector.detect([text[start:end] for start, end, _ in spans])
        sentences += len(spans)
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts),
        "sentences": sentences,
        "seconds": seconds,
        "articles_s": len(texts) / seconds,
        "sentences_s": sentences / seconds,
    }


# --- End to end ---------------------------------------------------------------------------


def run_end_to_end(
    texts: list[str], database_url: str, redis_url: str, concurrency: int
) -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command

    from claims import services

    call_command("migrate", verbosity=0)
    empty_redis(redis_url)
    log_path = Path(tempfile.mkdtemp(prefix="claimdesk-bench-")) / "worker.log"
    worker = start_worker(log_path, concurrency)
    try:
        stats_before = database_stats()
        started = time.perf_counter()
        ids = [
            services.article_create(body=text, title=f"Bench {i}").pk
            for i, text in enumerate(texts)
        ]
        submitted = time.perf_counter() - started
        wait_settled(ids, worker)
    finally:
        worker.stop(timeout=30)
        empty_redis(redis_url, hold=False)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Backends flush their statistics when they end (the worker's have, now).
    time.sleep(1.0)
    stats = {k: v - stats_before[k] for k, v in database_stats().items()}
    result = summarise(ids, submitted)
    result["worker_cpu_s"] = usage.ru_utime + usage.ru_stime
    result.update({f"db_{k}": v for k, v in stats.items()})
    result["tasks"] = task_times(log_path.read_text(encoding="utf-8", errors="replace"))
    print(f"   (worker log: {log_path})")
    return result


def start_worker(log_path: Path, concurrency: int) -> Worker:
    """One worker with this process's environment (the same database and Redis)."""
    try:
        return support.start_worker(
            env=os.environ.copy(), log_path=log_path, concurrency=concurrency, name="bench"
        )
    except support.ServiceError as exc:
        sys.exit(f"the worker did not start: {exc}")


def wait_settled(ids: list[int], worker: Worker) -> None:
    try:
        support.wait_until(
            lambda: support.all_settled(ids),
            what="every article to settle",
            timeout=SETTLE_TIMEOUT,
            worker=worker,
        )
    except support.ServiceError as exc:
        sys.exit(f"the worker died or stalled: {exc}")


def summarise(ids: list[int], submitted: float) -> dict[str, float]:
    from django.db.models import Max, Min, Sum

    from claims.models import Article, ArticleStatus

    articles = Article.objects.filter(pk__in=ids)
    failed = articles.exclude(status=ArticleStatus.READY).count()
    span = articles.aggregate(
        first=Min("created_at"),
        last=Max("finished_at"),
        sentences=Sum("sentence_count"),
        claims=Sum("claim_count"),
    )
    seconds = (span["last"] - span["first"]).total_seconds()
    latencies = sorted(
        (f - c).total_seconds() for c, f in articles.values_list("created_at", "finished_at")
    )
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "articles": len(ids),
        "sentences": span["sentences"],
        "claims": span["claims"],
        "failed": failed,
        "seconds": seconds,
        "submit_s": submitted,
        "articles_s": len(ids) / seconds,
        "sentences_s": span["sentences"] / seconds,
        "p50": cuts[49],
        "p90": cuts[89],
        "p99": cuts[98],
        "max": latencies[-1],
    }


TASK_LINE = re.compile(r"Task (claims\.tasks\.\w+)\[[^\]]+\] succeeded in ([0-9.e-]+)s")


def task_times(log: str) -> dict[str, tuple[int, float]]:
    """Per task name: how many succeeded and their summed run time (the worker's own figure)."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for name, seconds in TASK_LINE.findall(log):
        totals[name][0] += 1
        totals[name][1] += float(seconds)
    return {name.rsplit(".", 1)[1]: (int(n), s) for name, (n, s) in totals.items()}


# --- Services: database and Redis -------------------------------------------------------------


def database_stats() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, "
            "tup_fetched FROM pg_stat_database WHERE datname = current_database()"
        )
        row = cursor.fetchone()
    names = ["commits", "rollbacks", "inserted", "updated", "deleted", "fetched"]
    return dict(zip(names, row, strict=True))


def empty_redis(redis_url: str, *, hold: bool = True) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    holder = client.get(support.REDIS_LOCK_KEY)
    if holder is not None and not holder.startswith(b"bench"):
        sys.exit(f"{redis_url} is held by an integration test run; set BENCH_REDIS_URL")
    client.flushdb()
    if hold:
        client.set(support.REDIS_LOCK_KEY, f"bench-{os.getpid()}", ex=4 * 3600)
    client.close()


# --- Output -------------------------------------------------------------------------------


def report(title: str, r: dict) -> None:  # type: ignore[type-arg]
    print(f"\n== {title}")
    print(f"   {r['articles']:,} articles, {r['sentences']:,} sentences in {r['seconds']:.2f} s")
    print(f"   {r['articles_s']:10,.1f} articles/s   {r['sentences_s']:10,.0f} sentences/s")
    if "p50" not in r:
        return
    n = r["articles"]
    print(
        f"   claims {r['claims']:,}; not ready {r['failed']}; submitting took "
        f"{r['submit_s']:.2f} s ({n / r['submit_s']:,.0f} articles/s, overlapping the worker)"
    )
    print(
        f"   latency created -> finished (a burst of {n}, so mostly queueing): "
        f"p50 {r['p50']:.2f} s  p90 {r['p90']:.2f} s  p99 {r['p99']:.2f} s  max {r['max']:.2f} s"
    )
    print(
        f"   worker CPU (main + pool): {r['worker_cpu_s']:.2f} s "
        f"= {r['worker_cpu_s'] / r['seconds']:.0%} of one core over the run"
    )
    for name, (count, seconds) in sorted(r["tasks"].items()):
        print(
            f"   task {name:28s} {count:6,} runs  {seconds:7.2f} s in tasks  "
            f"{1000 * seconds / max(count, 1):6.2f} ms each"
        )
    busy = sum(seconds for _, seconds in r["tasks"].values())
    print(
        f"   time inside tasks {busy:.2f} s of {r['seconds']:.2f} s wall "
        f"({busy / r['seconds']:.0%})"
    )
    print(
        f"   database, whole run (bench process + worker): {r['db_commits']:,} commits "
        f"({r['db_commits'] / n:.1f}/article), {r['db_rollbacks']} rollbacks, "
        f"{r['db_inserted']:,} rows inserted ({r['db_inserted'] / n:.1f}/article), "
        f"{r['db_updated']:,} updated ({r['db_updated'] / n:.1f}/article)"
    )


if __name__ == "__main__":
    main()
