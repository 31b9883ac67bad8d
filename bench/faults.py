"""Break the pipeline again and again, and count what was lost, duplicated or left stuck.

Run as `.venv/bin/python bench/faults.py [--kills 20] [--worker-kills 5] [--outages 5]`.
Prints figures only: it never passes or fails on time.

Production shape with the default settings (time limits, visibility timeout, retries,
outbox period): one worker (2 processes), celery beat, a redis-server of its own as
the broker (append-only file, as in docker-compose.yml; stopped and started for the
broker outages) and PostgreSQL (DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432) reached by the worker through a TCP proxy that is
cut for the database outages. It creates and drops the database ``claimdesk_faults``.

Each repetition submits a few long articles, injects one fault, and waits until every
article is ready or failed (or a bound of 20 minutes passes). The kinds:

- pool-kill: SIGKILL one pool process in the middle of a batch;
- worker-kill: SIGKILL the whole worker (main process and pool), start another;
- broker-submit: articles submitted while the broker is down, then it is started again;
- broker-running: the broker stopped while tasks run, started again ``--down`` s later;
- database: the database refuses connections for ``--db-down`` s (longer than the retries).

Then per kind: articles lost (accepted but never processed, or failed without a reason,
or ready with sentences missing), duplicated (a sentence with two detected claims, or
more claim history than claims), stuck (still pending at the bound), failed with their
reason, and the recovery time, from the end of the fault to the last article settled.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 (needs the repository on the path)
from bench.pipeline import generate_articles  # noqa: E402
from tests.integration import support  # noqa: E402

SETTLE_BOUND = 1200.0
KINDS = ["pool-kill", "worker-kill", "broker-submit", "broker-running", "database"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="pool-kill repetitions")
    parser.add_argument("--worker-kills", type=int, default=5, help="worker-kill repetitions")
    parser.add_argument("--outages", type=int, default=5, help="repetitions of each outage")
    parser.add_argument("--articles", type=int, default=3, help="submitted per repetition")
    parser.add_argument("--chars", type=int, default=60_000, help="length of each article")
    parser.add_argument("--down", type=float, default=10.0, help="seconds the broker is down")
    parser.add_argument("--db-down", type=float, default=60.0, help="seconds the database is")
    parser.add_argument("--database", default="claimdesk_faults", help="created and dropped")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="claimdesk-faults-"))
    database_url = common.with_path(
        os.environ.get("DATABASE_URL") or common.DEFAULT_SERVER, args.database
    )
    broker = support.RedisServer(work / "redis")
    broker.start()
    # The bench process (which submits, as the API does) and the worker share these.
    common.production_settings(
        DATABASE_URL=database_url,
        REDIS_URL=broker.url,
        CELERY_BROKER_URL=broker.url,
        DJANGO_SETTINGS_MODULE="claimdesk.settings",
    )
    common.recreate_database(database_url)
    bench = Bench(args, work, broker, database_url)
    try:
        bench.run()
    finally:
        bench.close()
        common.drop_database(database_url)
        broker.stop()
    bench.report()
    print(f"\n(logs in {work})")


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path, broker: support.RedisServer, url: str):
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        self.args, self.work, self.broker = args, work, broker
        self.proxy = support.database_proxy()
        self.worker_env = {**os.environ, "DATABASE_URL": support.through_proxy(url, self.proxy)}
        self.rng = random.Random(20240517)
        self.seed = 0
        self.workers: list[support.Worker] = []
        self.beat = support.start_beat(
            env=self.worker_env, log_path=work / "beat.log", schedule=work / "beat-schedule"
        )
        self.worker = self.start_worker()
        self.results: dict[str, list[dict[str, float]]] = defaultdict(list)

    # --- processes --------------------------------------------------------------------------

    def start_worker(self) -> support.Worker:
        log_path = self.work / f"worker-{len(self.workers)}.log"
        worker = support.start_worker(env=self.worker_env, log_path=log_path, name="faults")
        self.workers.append(worker)
        return worker

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.beat.stop(timeout=30)
        self.proxy.close()
        from django.db import connections

        connections.close_all()

    # --- the runs ---------------------------------------------------------------------------

    def run(self) -> None:
        plan = (
            [("pool-kill", self.pool_kill)] * self.args.kills
            + [("worker-kill", self.worker_kill)] * self.args.worker_kills
            + [("broker-submit", self.broker_submit)] * self.args.outages
            + [("broker-running", self.broker_running)] * self.args.outages
            + [("database", self.database)] * self.args.outages
        )
        for n, (kind, fault) in enumerate(plan, 1):
            result = self.repeat(fault)
            self.results[kind].append(result)
            print(
                f"{n:3}/{len(plan)} {kind:15} recovery {result['recovery']:7.1f} s  "
                f"ready {result['ready']:.0f} failed {result['failed']:.0f} "
                f"lost {result['lost']:.0f} duplicated {result['duplicated']:.0f} "
                f"stuck {result['stuck']:.0f}",
                flush=True,
            )

    def repeat(self, fault: Callable[[], tuple[list[int], int, float]]) -> dict[str, float]:
        ids, refused, fault_ended = fault()
        deadline = time.monotonic() + SETTLE_BOUND
        while self.pending(ids) and time.monotonic() < deadline:
            time.sleep(0.2)
        recovery = time.monotonic() - fault_ended
        return {"recovery": recovery, "lost": refused, **self.check(ids)}

    def submit(self) -> tuple[list[int], int]:
        """Submit articles as the API does; an article the site refused to save is lost."""
        from claims import services

        texts = generate_articles(self.args.articles, self.args.chars, self.seed)
        self.seed += 1
        ids, refused = [], 0
        for text in texts:
            try:
                ids.append(services.article_create(body=f"{uuid.uuid4()}\n\n{text}").pk)
            except Exception as exc:
                print(f"   submission refused: {exc!r}")
                refused += 1
        return ids, refused

    def wait_scored(self, ids: list[int]) -> None:
        support.wait_until(
            lambda: support.some_batch_scored(ids),
            what="a first scored batch",
            timeout=SETTLE_BOUND,
            worker=self.worker,
        )

    def pending(self, ids: list[int]) -> bool:
        return not support.all_settled(ids)

    # --- the faults: each returns the articles, how many were refused, when it ended -------

    def pool_kill(self) -> tuple[list[int], int, float]:
        ids, refused = self.submit()
        self.wait_scored(ids)
        before = self.worker.log().count("WorkerLostError")
        # Kill until one lands inside a running task (an idle process is simply replaced).
        while self.worker.log().count("WorkerLostError") == before and self.pending(ids):
            children = self.worker.pool_children()
            if children:
                try:
                    os.kill(self.rng.choice(children), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.5)
        return ids, refused, time.monotonic()

    def worker_kill(self) -> tuple[list[int], int, float]:
        ids, refused = self.submit()
        self.wait_scored(ids)
        self.worker.kill()
        killed = time.monotonic()
        self.worker = self.start_worker()
        return ids, refused, killed

    def broker_submit(self) -> tuple[list[int], int, float]:
        self.broker.stop()
        ids, refused = self.submit()
        time.sleep(self.args.down)
        self.broker.start()
        return ids, refused, time.monotonic()

    def broker_running(self) -> tuple[list[int], int, float]:
        ids, refused = self.submit()
        self.wait_scored(ids)
        self.broker.stop()
        time.sleep(self.args.down)
        self.broker.start()
        return ids, refused, time.monotonic()

    def database(self) -> tuple[list[int], int, float]:
        ids, refused = self.submit()
        self.wait_scored(ids)
        self.proxy.cut()
        time.sleep(self.args.db_down)
        self.proxy.restore()
        return ids, refused, time.monotonic()

    # --- what came out ----------------------------------------------------------------------

    def check(self, ids: list[int]) -> dict[str, float]:
        from django.db.models import Count

        from claims.models import Article, ArticleStatus, Claim, Sentence
        from claims.segmentation import split_paragraphs_and_sentences

        counts = dict.fromkeys(["ready", "failed", "lost", "duplicated", "stuck"], 0.0)
        for article in Article.objects.filter(pk__in=ids):
            claims = Claim.objects.filter(article=article)
            doubled = claims.values("sentence").annotate(n=Count("id")).filter(n__gt=1).exists()
            if doubled or Claim.history.filter(article_id=article.pk).count() > claims.count():
                counts["duplicated"] += 1
            if article.is_pending:
                counts["stuck"] += 1
            elif article.status == ArticleStatus.FAILED:
                counts["failed" if article.error else "lost"] += 1
            else:
                spans = len(split_paragraphs_and_sentences(article.body))
                scored = Sentence.objects.filter(article=article, score__isnull=False).count()
                counts["ready" if scored == spans == article.sentence_count else "lost"] += 1
        return counts

    def report(self) -> None:
        print("\n== faults (defaults: see .env.example)")
        print(
            f"   {'kind':15} {'runs':>4} {'articles':>8} {'ready':>6} {'failed':>6} "
            f"{'lost':>5} {'dup':>4} {'stuck':>5}   recovery s: p50 / p90 / max"
        )
        for kind in KINDS:
            runs = self.results.get(kind)
            if not runs:
                continue
            total = {key: sum(r[key] for r in runs) for key in runs[0]}
            times = sorted(r["recovery"] for r in runs)
            p50, p90 = (
                (statistics.quantiles(times, n=10, method="inclusive")[i] for i in (4, 8))
                if len(times) > 1
                else (times[0], times[0])
            )
            articles = total["ready"] + total["failed"] + total["lost"] + total["stuck"]
            print(
                f"   {kind:15} {len(runs):4} {articles:8.0f} {total['ready']:6.0f} "
                f"{total['failed']:6.0f} {total['lost']:5.0f} {total['duplicated']:4.0f} "
                f"{total['stuck']:5.0f}   {p50:6.1f} / {p90:6.1f} / {times[-1]:6.1f}"
            )


if __name__ == "__main__":
    main()
