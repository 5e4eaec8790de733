"""Load benchmark of the parent portal (issue 3): /portal/ and a plan page, p95 under 100 ms at 20
concurrent signed-in clients with 2,850 cases on PostgreSQL.

Set-up: 2,850 generated cases (through the spreadsheet import), 20 parents each linked to one or two
children whose cases also have advice, outcomes with progress and a clock exception, and one signed-in
session per parent. The site is served as in production (production settings, PostgreSQL, Redis,
config.serve with 2 uvicorn workers) on 127.0.0.1:8104. Twenty clients (bench/loadgen.py's keep-alive
connections), one per parent, each ask for /portal/ then one of their children's plan pages, again
and again with no think time, until --requests answers or --seconds pass.

    .venv/bin/python bench/portal_pages.py [--requests 4000] [--seconds 60] [--workers 2]

Database: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/bench_portal_pages).
"""

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_portal_pages")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")

from bench.loadgen import Result, keep_alive_client  # noqa: E402
from bench.server import BENCH_DATABASE_URL, bench_env, serve  # noqa: E402

PORT = 8104  # this benchmark's loopback port
CASES = 2850
PARENTS = 20
PREFIX = "PP-"
TARGET_P95_MS = 100


def prepare():
    """Cases, parents and their links, and one session per parent; returns [(session key, [child ids])]."""
    os.environ.update(bench_env())
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    from bench.import_plans import prepare_reference_data, write_csv
    from portal import audit, case_updates
    from portal.imports.importer import import_plans
    from portal.models import AdviceRequest, ClockException, EHCPlan, Outcome, OutcomeProgress, ParentLink

    rng = random.Random(7)
    if EHCPlan.objects.filter(reference__startswith=PREFIX).count() != CASES:
        EHCPlan.objects.filter(reference__startswith=PREFIX).delete()
        prepare_reference_data()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cases.csv"
            write_csv(path, CASES, seed=11, prefix=PREFIX)
            with audit.muted(), case_updates.muted():
                report = import_plans(path, dry_run=False)
        print(f"Loaded {report.created:,} cases")

    User = get_user_model()
    plans = list(EHCPlan.objects.filter(reference__startswith=PREFIX).select_related("child").order_by("pk"))
    sessions = []
    for n in range(PARENTS):
        parent, _ = User.objects.get_or_create(
            email=f"bench.parent{n}@example.org", defaults={"first_name": "Parent"}
        )
        links = list(ParentLink.objects.filter(user=parent).select_related("child"))
        if not links:
            chosen = rng.sample(plans, 2 if n % 2 else 1)
            for plan in chosen:
                ParentLink.objects.create(user=parent, child=plan.child)
                AdviceRequest.objects.create(
                    plan=plan, kind="ep", requested_date=plan.request_date + timedelta(days=40)
                )
                ClockException.objects.create(
                    plan=plan,
                    reason="personal",
                    start_date=plan.request_date + timedelta(days=20),
                    end_date=None,
                )
                for area in ("communication", "cognition", "semh"):
                    outcome = Outcome.objects.create(
                        plan=plan, area=area, description=f"Outcome about {area}"
                    )
                    OutcomeProgress.objects.bulk_create(
                        OutcomeProgress(
                            outcome=outcome, recorded_on=plan.request_date + timedelta(days=90 * k), rating=k
                        )
                        for k in range(1, 4)
                    )
            links = list(ParentLink.objects.filter(user=parent).select_related("child"))
        session = SessionStore()
        session[SESSION_KEY] = str(parent.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = parent.get_session_auth_hash()
        session.create()
        sessions.append((session.session_key, [str(link.child.public_id) for link in links]))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    cookie = settings.SESSION_COOKIE_NAME
    print(f"{EHCPlan.objects.count():,} cases, {PARENTS} signed-in parents (cookie {cookie})")
    return sessions


async def run(base, sessions, total, seconds, warmup=40):
    async with httpx.AsyncClient(base_url=base, cookies={"sessionid": sessions[0][0]}) as http:
        for _ in range(warmup // 2):
            first = await http.get("/portal/")
            await http.get(f"/portal/children/{sessions[0][1][0]}/")
        if first.status_code != 200:
            raise SystemExit(f"/portal/ answered {first.status_code}: the session was not accepted")
    results = {"/portal/": Result("/portal/"), "plan page": Result("plan page")}
    remaining = [total]
    started = time.perf_counter()
    await asyncio.gather(
        *(
            keep_alive_client(
                base,
                # /portal/, then one of their children's plan pages, over and over.
                [
                    visit
                    for child in children
                    for visit in (
                        (results["/portal/"], "/portal/"),
                        (results["plan page"], f"/portal/children/{child}/"),
                    )
                ],
                started + seconds,
                remaining,
                # Only a 200 counts: a lost session would be a 302 to the sign-in page.
                cookies={"sessionid": key},
            )
            for key, children in sessions
        )
    )
    elapsed = time.perf_counter() - started
    for result in results.values():
        result.elapsed_s = elapsed
    return results, elapsed


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=PARENTS, help=f"Concurrent clients (1 to {PARENTS})")
    args = parser.parse_args()

    from bench.import_plans import ensure_database, load_average

    ensure_database(BENCH_DATABASE_URL)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=bench_env(), check=True
    )
    sessions = prepare()
    print(f"Load average {load_average()}")
    with serve(args.workers, port=PORT) as base:
        results, elapsed = asyncio.run(run(base, sessions[: args.clients], args.requests, args.seconds))
    print(f"Load average now {load_average()}")
    everything = [ms for result in results.values() for ms in result.latencies_ms]
    failures = sum(result.failures for result in results.values())
    print(f"\n{args.clients} concurrent signed-in clients, {args.workers} uvicorn workers, {elapsed:.1f} s:")
    for result in results.values():
        print("  " + result.line())
    overall = Result("all")
    overall.latencies_ms, overall.failures, overall.elapsed_s = everything, failures, elapsed
    print("  " + overall.line())
    worst = max(result.percentile(95) for result in results.values())
    verdict = "met" if worst < TARGET_P95_MS else "MISSED"
    print(
        f"Target p95 under {TARGET_P95_MS} ms on both pages: {verdict} "
        f"(worst p95 {worst:.1f} ms, median of all {statistics.median(everything):.1f} ms)"
    )


if __name__ == "__main__":
    main()
