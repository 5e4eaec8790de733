"""Load benchmark of the Local Offer: the demo content plus 1,000 generated pages on PostgreSQL,
served as in production (uvicorn workers, Redis cache), 20 concurrent clients on loopback.

Targets (issue 2): p95 under 50 ms for pages and under 150 ms for search.

    .venv/bin/python bench/site_load.py [--pages 1000] [--concurrency 20] [--requests 3000] [--workers 2]
"""

import argparse
import asyncio
import itertools
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.loadgen import run_load, summary
from bench.server import BENCH_DATABASE_URL, ROOT, bench_env, manage, serve


def ensure_database():
    name = BENCH_DATABASE_URL.rsplit("/", 1)[1]
    server = BENCH_DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


GENERATE = """
import itertools, random
from cms.models import GuidePage, MeetingMinutesPage
target = {pages}
generated = GuidePage.objects.filter(slug__startswith="generated-").count()
generated += MeetingMinutesPage.objects.filter(slug__startswith="generated-").count()
guides = list(GuidePage.objects.live().exclude(slug__startswith="generated-"))
meetings = list(MeetingMinutesPage.objects.live().exclude(slug__startswith="generated-"))
rng = random.Random(2026)
words = "support speech therapy transition college provision outreach respite placement autism".split()
for number in range(generated, target):
    source = rng.choice(meetings if number % 3 == 0 else guides)
    title = f"{{source.title}} ({{rng.choice(words)}} {{number}})"
    source.copy(
        update_attrs={{"title": title, "slug": f"generated-{{number}}"}},
        keep_live=True, log_action=None, copy_revisions=False,
    )
    if number % 100 == 99:
        print(f"generated {{number + 1}} / {{target}} pages", flush=True)
"""


def prepare(pages):
    print(f"bench: database {BENCH_DATABASE_URL}", flush=True)
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage("load_demo_content", "-v0")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", GENERATE.format(pages=pages)],
        cwd=ROOT,
        env=bench_env("config.settings.dev"),
        check=True,
    )
    print(f"bench: {pages} generated pages ready ({time.perf_counter() - started:.0f} s)", flush=True)
    manage("update_index", "-v0")


# A hundred different searches (one word, or two together), so the first answer of each, rendered
# by the search view, is part of the figure as well as the answers the page cache gives again.
SEARCH_WORDS = (
    "tribunal", "annual+review", "transport", "mediation", "autism", "assessment", "complaint",
    "draft+plan", "school", "speech", "college", "budget", "deadline", "advice", "appeal",
    "therapy", "transition", "placement", "provision", "ombudsman",
)  # fmt: skip
SEARCH_PAIRS = random.Random(2026).sample(list(itertools.combinations(SEARCH_WORDS, 2)), 80)
SEARCH_PATHS = [f"/search/?q={word}" for word in SEARCH_WORDS] + [
    f"/search/?q={first}+{second}" for first, second in SEARCH_PAIRS
]


def targets():
    """One URL of each kind, read from the benchmark database."""
    script = (
        "from cms.models import GuidePage, MeetingMinutesPage;"
        "print(GuidePage.objects.live().get(slug='requesting-an-assessment').url);"
        "print(MeetingMinutesPage.objects.live().exclude(slug__startswith='generated-')"
        ".order_by('-meeting_date').first().url)"
    )
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=bench_env("config.settings.dev"),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    guide, meeting = output[-2], output[-1]
    return [
        ("home page", "/", 50),
        ("guide page", guide, 50),
        ("minutes page", meeting, 50),
        (f"search ({len(SEARCH_PATHS)} queries)", SEARCH_PATHS, 150),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()
    if not args.skip_prepare:
        prepare(args.pages)
    urls = targets()
    results = []
    with serve(workers=args.workers) as base:
        for name, path, _ in urls:
            print(f"bench: {name} {path}", flush=True)
            results.append(
                asyncio.run(run_load(name, base, path, concurrency=args.concurrency, requests=args.requests))
            )
    print(
        f"\nLocal Offer load, {args.concurrency} concurrent clients, "
        f"{args.workers} uvicorn workers, PostgreSQL"
    )
    print(summary(results))
    verdicts = []
    for result, (_, _, target_ms) in zip(results, urls, strict=True):
        ok = result.percentile(95) < target_ms and result.failures == 0
        verdicts.append(ok)
        print(f"  {result.name:<28} p95 target < {target_ms} ms: {'met' if ok else 'NOT met'}")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
