"""Benchmark of the timeliness dashboard (issue 3): with 20,000 plans it renders in under 300 ms.

Loads 20,000 generated plans (through the spreadsheet import, so they carry annual reviews), adds clock
exceptions to 3% of them and 600 complaints, then times, over N runs each:

- ``portal.dashboard.build()``: the figures alone (8 aggregate queries);
- the whole admin page (GET /admin/casework/dashboard/ as a signed-in caseworker, through Django's
  request handling, middleware and template rendering), with its query count;
- the CSV download.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal_dashboard .venv/bin/python bench/dashboard.py
        [--plans 20000] [--runs 50]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_portal_dashboard"
PREFIX = "DSH-"
COMPLAINTS = 600
TARGET_MS = 300


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def describe(label, times):
    return (
        f"  {label:<34} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 95):7.1f} ms   "
        f"max {max(times):7.1f} ms   (n={len(times)})"
    )


def count_queries(connection, function):
    """How many SQL statements ``function`` runs."""
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        function()
    return len(statements)


def load_plans(count, reload=False):
    """Import ``count`` generated plans unless they are already there; add exceptions and complaints."""
    from django.db import connection
    from django.utils import timezone

    from bench.import_plans import prepare_reference_data, write_csv
    from portal import audit, case_updates, timeline
    from portal.imports.importer import import_plans
    from portal.models import ClockException, Complaint, EHCPlan

    have = EHCPlan.objects.filter(reference__startswith=PREFIX).count()
    if have != count or reload:
        from bench.import_plans import delete_bench_plans

        delete_bench_plans(PREFIX)
        Complaint.objects.filter(idempotency_key__startswith="bench-").delete()
        prepare_reference_data()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dashboard-plans.csv"
            write_csv(path, count, seed=20, prefix=PREFIX)
            started = time.perf_counter()
            with audit.muted(), case_updates.muted():
                report = import_plans(path, dry_run=False)
            print(f"Loaded {report.created:,} plans in {time.perf_counter() - started:.1f} s")
        rng = random.Random(3)
        plans = list(EHCPlan.objects.filter(reference__startswith=PREFIX).values_list("pk", "request_date"))
        ClockException.objects.bulk_create(
            ClockException(
                plan_id=pk,
                reason=rng.choice(ClockException.Reason.values),
                start_date=request + timedelta(days=rng.randint(10, 90)),
                end_date=request + timedelta(days=rng.randint(100, 130)),
            )
            for pk, request in rng.sample(plans, count * 3 // 100)
        )
        now = timezone.now()
        complaints = []
        for n in range(COMPLAINTS):
            received = now - timedelta(days=rng.randint(0, 400))
            due = timeline.complaint_stage1_due(timezone.localdate(received))
            closed = rng.random() < 0.7 and received < now - timedelta(days=5)
            complaints.append(
                Complaint(
                    reference=f"CMP-BENCH-{n:06d}",
                    idempotency_key=f"bench-{n}",
                    category=rng.choice(Complaint.Category.values),
                    what_happened="Generated for the benchmark",
                    desired_outcome="None",
                    contact_name="Bench",
                    received_at=received,
                    stage1_due=due,
                    status=Complaint.Status.CLOSED if closed else Complaint.Status.OPEN,
                    closed_at=received + timedelta(days=rng.randint(3, 25)) if closed else None,
                )
            )
        Complaint.objects.bulk_create(complaints)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return EHCPlan.objects.count()


def staff_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from portal.staff.permissions import ensure_caseworkers_group
    from tests.factories.portal import sign_in_with_mfa

    user, _ = get_user_model().objects.get_or_create(
        email="bench.dashboard@example.org", defaults={"is_staff": True}
    )
    user.groups.add(ensure_caseworkers_group())
    client = Client(HTTP_HOST="127.0.0.1")
    # Staff pages need the second factor: signed in as after the authenticator code step.
    sign_in_with_mfa(client, user)
    return client


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reload", action="store_true", help="Replace the generated plans")
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DJANGO_DEBUG"] = "false"
    from bench.import_plans import ensure_database, load_average

    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=os.environ, check=True
    )

    import django

    django.setup()
    import gc

    from django.db import connection
    from django.urls import reverse

    from portal import dashboard

    total = load_plans(args.plans, args.reload)
    print(
        f"Database: {os.environ['DATABASE_URL'].rsplit('@', 1)[-1]}, {total:,} plans in all; "
        f"load average {load_average()}"
    )

    figures = dashboard.build()
    gc.freeze()  # as the served site does once loaded (config/asgi.py)
    print(
        f"Figures: {figures.issued_this_year} final plans this year, "
        f"{figures.percent_this_year}% within 20 weeks; "
        f"{figures.open_assessments} open assessments ({figures.open_past_20_weeks} past 20 weeks); "
        f"reviews held {figures.reviews.held_this_year}, overdue {figures.reviews.overdue}; "
        f"complaints open {figures.complaints.open}, overdue {figures.complaints.overdue}"
    )

    client = staff_client()
    page_url = reverse("portal_staff:dashboard")
    csv_url = reverse("portal_staff:dashboard_csv")
    figure_queries = count_queries(connection, dashboard.build)
    response = client.get(page_url)
    assert response.status_code == 200, response.status_code
    page_queries = count_queries(connection, lambda: client.get(page_url))

    for _ in range(3):  # warm caches
        dashboard.build()
        client.get(page_url)

    build_times = timed(dashboard.build, args.runs)
    page_times = timed(lambda: client.get(page_url), args.runs)
    csv_times = timed(lambda: client.get(csv_url), max(10, args.runs // 5))
    print(f"\nRender times over {args.runs} runs (target: under {TARGET_MS} ms):")
    print(describe(f"figures ({figure_queries} queries)", build_times))
    print(describe(f"admin page ({page_queries} queries)", page_times))
    print(describe("CSV download", csv_times))

    # The staff case list over the same 20,000 plans: 50 rows a page, each with its timeline.
    cases_url = reverse("portal_staff:cases")
    print(f"\nCase list over {total:,} plans, {max(10, args.runs // 2)} runs each:")
    for label, query in [
        ("first page", {}),
        ("search by name", {"q": "amira khan"}),
        ("anything overdue", {"overdue": "any"}),
        ("review overdue, page 20", {"overdue": "review", "p": 20}),
        ("stage and caseworker", {"stage": "assessing", "caseworker": "none"}),
    ]:
        assert client.get(cases_url, query).status_code == 200
        queries = count_queries(connection, lambda query=query: client.get(cases_url, query))
        times = timed(lambda query=query: client.get(cases_url, query), max(10, args.runs // 2))
        print(describe(f"{label} ({queries} queries)", times))
    print(f"Load average now {load_average()}")
    verdict = "met" if percentile(page_times, 95) < TARGET_MS else "MISSED"
    print(f"Target p95 under {TARGET_MS} ms for the page: {verdict}")


if __name__ == "__main__":
    main()
