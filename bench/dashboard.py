"""Benchmark the dashboard: render times per role over 100,000 claims on PostgreSQL.

Run as `.venv/bin/python bench/dashboard.py [--claims 100000] [--requests 20]`.
Prints figures only: it never passes or fails on time.

It creates a database of its own (``claimdesk_bench_dashboard`` on the server of
DATABASE_URL, default postgres://postgres@127.0.0.1:5432), migrates it and seeds it
with ``bulk_create``: articles of 20 sentences each with detector scores, one
claim per check-worthy sentence (``--claims`` in all) in every status, reviewers'
assignments and reviews (a third of the reviewed claims by two or three people,
so that agreement has something to measure), editors' final verdicts, dates spread
over 120 days and a few articles still processing.  Then it renders, through
Django's test client (the whole stack but the network), each page ``--requests``
times after two warm-ups:

* reviewer: ``/dashboard/`` (their ranked queue and their day/week);
* editor: ``/dashboard/`` (the overview of the desk), unfiltered;
* editor, filtered: the overview for one publisher over the last 30 days;

and prints p50/p90/max render time, the queries per page and the slowest queries
of one editor render.  The database is dropped at the end (``--keep`` keeps it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402 (needs the repository on the path)

SENTENCES_PER_ARTICLE = 20
CLAIMS_PER_ARTICLE = 10
PUBLISHERS = [f"Publisher {i:02d}" for i in range(30)]
DAYS = 120


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--reviewers", type=int, default=24)
    parser.add_argument("--requests", type=int, default=20, help="timed renders per page")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument(
        "--database", default="claimdesk_bench_dashboard", help="created and dropped"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run (no seeding)",
    )
    args = parser.parse_args()

    server = os.environ.get("DATABASE_URL") or common.DEFAULT_SERVER
    if not server.startswith(("postgres://", "postgresql://")):
        sys.exit("bench/dashboard.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    database_url = common.with_path(server, args.database)
    # The test client speaks plain HTTP: without this every page is a redirect to https.
    common.production_settings(
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="testserver,localhost",
        LOG_LEVEL="WARNING",
        SECURE_SSL_REDIRECT="false",
    )
    if not args.reuse:
        common.recreate_database(database_url)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            common.drop_database(database_url)
            print(f"dropped database {args.database}")


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    if args.reuse:
        measure(args)
        return
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    counts = seed(args)
    elapsed = time.perf_counter() - started
    print(
        "seeded in "
        + f"{elapsed:.1f} s: "
        + ", ".join(f"{n:,} {what}" for what, n in counts.items())
    )
    measure(args)


# --- Seeding --------------------------------------------------------------------------------


def _users(reviewers: int) -> tuple[list, list]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    people = User.objects.bulk_create(
        [User(username=f"reviewer{i:02d}") for i in range(reviewers)]
        + [User(username=f"editor{i}") for i in range(3)]
    )
    annotator, editor = Group.objects.get(name="annotator"), Group.objects.get(name="editor")
    annotator.user_set.add(*people[:reviewers])
    editor.user_set.add(*people[reviewers:])
    return people[:reviewers], people[reviewers:]


def _articles(n: int, rng: random.Random) -> list:
    from claims.models import Article, ArticleStatus, Sentence

    texts = [
        f"Sentence {j} of the report: about {j * 7 + 3:,} cases were counted."
        for j in range(SENTENCES_PER_ARTICLE)
    ]
    articles = []
    for i in range(n):
        body = f"Report {i}. " + " ".join(texts)
        pending = i >= n - 40
        articles.append(
            Article(
                title=f"Report {i} on the figures",
                publisher=rng.choice(PUBLISHERS),
                body=body,
                content_sha256=hashlib.sha256(body.encode()).hexdigest(),
                status=(ArticleStatus.PROCESSING if pending else ArticleStatus.READY),
                sentence_count=SENTENCES_PER_ARTICLE,
                claim_count=CLAIMS_PER_ARTICLE,
                detector_version=rng.choice(["model-v1", "model-v2"]),
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=2000)
    sentences = []
    for article in articles:
        offset = len(f"Report {article.title.split()[1]}. ")
        for j, text in enumerate(texts):
            flagged = j % 2 == 0
            scored = article.status == ArticleStatus.READY or j < 8
            sentences.append(
                Sentence(
                    article=article,
                    index=j,
                    start=offset,
                    end=offset + len(text),
                    text=text,
                    score=(rng.uniform(0.55, 1.0) if flagged else rng.uniform(0.0, 0.5))
                    if scored
                    else None,
                    checkworthy=flagged and scored,
                    detector_version=article.detector_version,
                )
            )
            offset += len(text) + 1
    Sentence.objects.bulk_create(sentences, batch_size=5000)
    return articles


STATUS_WEIGHTS = {"new": 30, "in_review": 15, "reviewed": 20, "published": 25, "dismissed": 10}


def seed(args: argparse.Namespace) -> dict[str, int]:
    from django.db import connection

    from annotate.models import Assignment, Decision, Review, Triage, Verdict
    from claims.models import ArticleStatus, Claim, Sentence

    rng = random.Random(args.seed)
    reviewers, editors = _users(args.reviewers)
    articles = _articles(args.claims // CLAIMS_PER_ARTICLE, rng)
    verdicts = list(Verdict.objects.order_by("position"))
    claims = []
    for s in (
        Sentence.objects.filter(checkworthy=True)
        .only("id", "article_id", "start", "end", "text", "score")
        .order_by("article_id", "index")
        .iterator(chunk_size=5000)
    ):
        claims.append(
            Claim(
                article_id=s.article_id,
                sentence_id=s.id,
                start=s.start,
                end=s.end,
                quote=s.text,
                origin="detected",
                score=s.score,
                status=rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0],
            )
        )
    pending = {a.pk for a in articles if a.status != ArticleStatus.READY}
    teams = []
    for claim in claims:
        if claim.article_id in pending:
            claim.status = "new"
        team: list = []
        if claim.status not in ("new", "dismissed"):
            roll = rng.random()
            team = rng.sample(reviewers, 3 if roll < 0.05 else 2 if roll < 0.35 else 1)
            claim.assignee = team[0]
        teams.append(team)
    claims = Claim.objects.bulk_create(claims, batch_size=5000)
    triage, assignments, reviews, decisions = [], [], [], []
    for claim, team in zip(claims, teams, strict=True):
        if claim.status == "new":
            continue
        triage.append(Triage(claim=claim, accepted_by=editors[0]))
        if claim.status == "dismissed":
            continue
        truth = rng.choice(verdicts)
        for person in team:
            assignments.append(Assignment(claim=claim, reviewer=person, assigned_by=editors[0]))
            done = claim.status != "in_review" or rng.random() < 0.3
            v = truth if rng.random() < 0.7 else rng.choice(verdicts)
            reviews.append(
                Review(
                    claim=claim,
                    reviewer=person,
                    verdict=v,
                    rationale="Checked against the official statistics.",
                    status="submitted" if done else "draft",
                    submitted_at=claim.created_at if done else None,
                )
            )
        if claim.status == "published" or (claim.status == "reviewed" and rng.random() < 0.5):
            decisions.append(
                Decision(claim=claim, verdict=truth, note="Final.", decided_by=rng.choice(editors))
            )
    for model, rows in (
        (Triage, triage),
        (Assignment, assignments),
        (Review, reviews),
        (Decision, decisions),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    _spread_dates(connection)
    return {
        "articles": len(articles),
        "sentences": len(articles) * SENTENCES_PER_ARTICLE,
        "claims": len(claims),
        "assignments": len(assignments),
        "reviews": len(reviews),
        "final verdicts": len(decisions),
    }


def _spread_dates(connection: object) -> None:
    """Spread creation over the last DAYS days; reviews and verdicts follow their claim."""
    statements = [
        f"UPDATE claims_article SET created_at = now() - random() * interval '{DAYS} days'",
        "UPDATE claims_claim c SET created_at = a.created_at + random() * interval '2 hours' "
        "FROM claims_article a WHERE a.id = c.article_id",
        "UPDATE annotate_review r SET submitted_at = c.created_at "
        "+ random() * interval '72 hours' FROM claims_claim c "
        "WHERE c.id = r.claim_id AND r.status = 'submitted'",
        "UPDATE annotate_decision d SET decided_at = c.created_at + interval '1 hour' "
        "+ random() * interval '120 hours' FROM claims_claim c WHERE c.id = d.claim_id",
        "ANALYZE",
    ]
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        for sql in statements:
            cursor.execute(sql)


# --- Measuring ------------------------------------------------------------------------------


def measure(args: argparse.Namespace) -> None:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    User = get_user_model()
    reviewer = User.objects.get(username="reviewer00")
    editor = User.objects.get(username="editor0")
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    pages = [
        ("reviewer", reviewer, "/dashboard/"),
        ("editor", editor, "/dashboard/"),
        ("editor, filtered", editor, f"/dashboard/desk/?publisher=Publisher+07&date_from={since}"),
    ]
    print(f"\n== {args.requests} renders per page after 2 warm-ups (ms)")
    print(f"{'page':<20}{'p50':>9}{'p90':>9}{'max':>9}{'queries':>9}{'KiB':>8}")
    # Static files by name: the manifest storage of DEBUG=false needs collectstatic.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    slowest = []
    with override_settings(STORAGES=storages):
        for name, user, url in pages:
            client = Client()
            client.force_login(user)
            for _ in range(2):
                assert client.get(url).status_code == 200
            times = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            if name == "editor":
                slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:6]
            q = statistics.quantiles(
                times * (2 if len(times) == 1 else 1), n=10, method="inclusive"
            )
            print(
                f"{name:<20}{statistics.median(times):>9.1f}{q[8]:>9.1f}{max(times):>9.1f}"
                f"{len(queries):>9}{len(response.content) / 1024:>8.0f}"
            )
    print("\n== slowest queries of one editor render (s)")
    for query in slowest:
        print(f"{float(query['time']):>8.3f}  {' '.join(query['sql'].split())[:110]}")


if __name__ == "__main__":
    main()
