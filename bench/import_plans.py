"""Benchmark of the spreadsheet import (issue 3): 2,850 rows in under 10 s, 100,000 rows in under
5 minutes, with memory that does not grow with the file.

It generates CSV files of 2,850 and 100,000 plans (and an XLSX of 2,850) in a temporary directory,
then, for each, runs in a fresh process: the dry run, the real import, and the same import again
(every row unchanged). Each run's time is the import's own clock; its memory is the peak resident
set size of that process (``os.wait4``), next to the peak of a process that only starts Django.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal_import .venv/bin/python bench/import_plans.py
        [--sizes 2850 100000] [--no-xlsx]

The database named by DATABASE_URL (default: bench_portal_import on the local PostgreSQL) is created and
migrated if needed; the benchmark's own plans (references BEN-...) are deleted before each size.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_portal_import"
SETTINGS_COUNT = 300
CASEWORKER_COUNT = 25
PREFIX = "BEN-"

FIRST_NAMES = (
    "Amira",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Finn",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Kai",
    "Layla",
)
LAST_NAMES = (
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fisher",
    "Green",
    "Hughes",
    "Iqbal",
    "Khan",
    "Patel",
)


def setting_urn(n):
    return f"9{n:05d}"


def caseworker_email(n):
    return f"bench.caseworker{n}@example.org"


def plan_row(n, rng, today, prefix=PREFIX):
    """One spreadsheet row: a case at a random point of its life, with review data once issued."""
    request = today - timedelta(days=rng.randint(1, 1400))
    dob = request - timedelta(days=rng.randint(3 * 365, 17 * 365))
    row = {
        "reference": f"{prefix}{n:07d}",
        "child_first_name": rng.choice(FIRST_NAMES),
        "child_last_name": f"{rng.choice(LAST_NAMES)}{n}",
        "child_date_of_birth": dob.isoformat(),
        "setting_urn": setting_urn(rng.randrange(SETTINGS_COUNT)),
        "caseworker_email": caseworker_email(rng.randrange(CASEWORKER_COUNT)),
        "request_date": request.isoformat(),
        "request_source": "parent" if rng.random() < 0.26 else "school",
    }

    def day(offset):
        value = request + timedelta(days=offset)
        return value.isoformat() if value <= today else None

    stage = rng.random()
    if stage > 0.08 and day(rng.randint(25, 55)):
        decided = day(rng.randint(25, 55))
        row["decision_to_assess"] = "no" if stage < 0.15 else "yes"
        row["decision_date"] = decided
        if stage > 0.25:
            # Around half the final plans come within 20 weeks (140 days), as in England in 2024.
            draft = rng.randint(85, 150)
            row["draft_issued_date"] = day(draft)
            if row["draft_issued_date"] and stage > 0.35:
                row["final_issued_date"] = day(draft + rng.randint(15, 40))
    final = row.get("final_issued_date")
    if final:
        due = date.fromisoformat(final) + timedelta(days=365)
        row["review_due_date"] = due.isoformat()
        if due - timedelta(days=30) <= today:
            meeting = due - timedelta(days=rng.randint(0, 40))
            row["review_meeting_date"] = meeting.isoformat()
            if meeting + timedelta(days=20) <= today:
                row["review_decision"] = rng.choice(["keep", "amend"])
                row["review_decision_date"] = (meeting + timedelta(days=20)).isoformat()
    return row


def generate_rows(count, seed=2026, today=None, prefix=PREFIX):
    rng = random.Random(seed)
    today = today or date.today()
    for n in range(count):
        yield plan_row(n, rng, today, prefix)


def write_csv(path, count, seed=2026, prefix=PREFIX):
    from portal.imports.columns import NAMES

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=NAMES)
        writer.writeheader()
        for row in generate_rows(count, seed, prefix=prefix):
            writer.writerow(row)


def write_xlsx(path, count, seed=2026):
    from openpyxl import Workbook

    from portal.imports.columns import NAMES

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plans")
    sheet.append(list(NAMES))
    for row in generate_rows(count, seed):
        sheet.append(
            [
                date.fromisoformat(v) if name.endswith("_date") and v else v
                for name, v in ((n, row.get(n)) for n in NAMES)
            ]
        )
    workbook.save(path)


# --- Database set-up ------------------------------------------------------------------------------


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def prepare_reference_data():
    """The settings and caseworkers the generated rows refer to."""
    from django.contrib.auth import get_user_model

    from portal.models import Setting

    existing = set(Setting.objects.filter(urn__startswith="9").values_list("urn", flat=True))
    Setting.objects.bulk_create(
        [
            Setting(name=f"Bench School {n}", urn=setting_urn(n))
            for n in range(SETTINGS_COUNT)
            if setting_urn(n) not in existing
        ]
    )
    User = get_user_model()
    for n in range(CASEWORKER_COUNT):
        User.objects.get_or_create(
            email=caseworker_email(n), defaults={"is_staff": True, "first_name": f"Caseworker {n}"}
        )


def delete_bench_plans(prefix=PREFIX):
    """Remove a benchmark's cases (references BEN-...), their children, reviews, exceptions and audit
    entries."""
    from django.db import connection, transaction

    like = f"{prefix}%"
    analyze = "ANALYZE portal_ehcplan, portal_child, portal_annualreview, portal_auditentry"
    if connection.vendor == "postgresql":  # autovacuum may be off: plan the deletes on true sizes
        with connection.cursor() as cursor:
            cursor.execute(analyze)
    plans = "SELECT id FROM portal_ehcplan WHERE reference LIKE %s"
    children = "SELECT child_id FROM bench_children"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_children")
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_children AS "
            "SELECT DISTINCT child_id FROM portal_ehcplan WHERE reference LIKE %s",
            [like],
        )
        # Whatever the benchmarks add to their cases, children first-level records last.
        cursor.execute(
            f"DELETE FROM portal_outcomeprogress WHERE outcome_id IN "  # noqa: S608
            f"(SELECT id FROM portal_outcome WHERE plan_id IN ({plans}))",
            [like],
        )
        for table in (
            "portal_outcome",
            "portal_annualreview",
            "portal_advicerequest",
            "portal_clockexception",
        ):
            cursor.execute(f"DELETE FROM {table} WHERE plan_id IN ({plans})", [like])  # noqa: S608
        for table in ("portal_parentlink", "portal_auditentry"):
            cursor.execute(f"DELETE FROM {table} WHERE child_id IN ({children})")  # noqa: S608
        cursor.execute("DELETE FROM portal_auditentry WHERE summary LIKE 'Spreadsheet import of bench-%%'")
        cursor.execute("DELETE FROM portal_ehcplan WHERE reference LIKE %s", [like])
        cursor.execute(
            f"DELETE FROM portal_child WHERE id IN ({children}) "  # noqa: S608
            "AND NOT EXISTS (SELECT 1 FROM portal_ehcplan p WHERE p.child_id = portal_child.id)"
        )
        cursor.execute("DROP TABLE bench_children")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(analyze)


# --- One measured run in its own process -----------------------------------------------------------


def child_main(args):
    """Runs in the measured subprocess: one import (or nothing, for the baseline); prints JSON."""
    django_setup()
    from portal import case_updates
    from portal.imports.importer import import_plans

    if args.child_mode == "baseline":
        from portal.models import EHCPlan

        EHCPlan.objects.exists()
        print(json.dumps({"seconds": 0}))
        return
    with case_updates.muted():  # no family is linked to generated children; skip the lookups
        report = import_plans(args.child_file, dry_run=args.child_mode == "dry-run")
    print(
        json.dumps(
            {
                "seconds": report.seconds,
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
                "error": report.file_error,
            }
        )
    )


def measured(env, mode, path=None):
    """Run one import in a fresh process; returns its JSON plus the process's peak RSS in MB."""
    command = [sys.executable, __file__, "--child-mode", mode]
    if path:
        command += ["--child-file", str(path)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{mode} run failed with exit code {process.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def load_average():
    """The machine's 1, 5 and 15-minute load averages: figures taken on a busy machine are slower."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def line(label, result):
    rate = result["rows"] / result["seconds"] if result.get("seconds") else 0
    return (
        f"  {label:<16} {result['seconds']:7.2f} s  {rate:7.0f} rows/s  "
        f"peak RSS {result['peak_rss_mb']:6.1f} MB  "
        f"created={result['created']} updated={result['updated']} unchanged={result['unchanged']} "
        f"rejected={result['rejected']}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2850, 100_000])
    parser.add_argument("--no-xlsx", action="store_true", help="Skip the 2,850-row XLSX run")
    parser.add_argument("--child-mode", help=argparse.SUPPRESS)
    parser.add_argument("--child-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_mode:
        return child_main(args)

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_DEBUG": "false"}
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    django_setup()
    prepare_reference_data()
    print(f"Database: {os.environ['DATABASE_URL'].rsplit('@', 1)[-1]}; load average {load_average()}")

    baseline = measured(env, "baseline")
    print(f"Baseline (Django started, no import): peak RSS {baseline['peak_rss_mb']:.1f} MB")
    peaks = {}
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        jobs = [(size, "csv") for size in args.sizes]
        if not args.no_xlsx:
            jobs.append((2850, "xlsx"))
        for size, kind in jobs:
            path = Path(tmp) / f"bench-{size}.{kind}"
            started = time.perf_counter()
            (write_xlsx if kind == "xlsx" else write_csv)(path, size)
            print(
                f"\n{size:,} rows, {kind.upper()} ({path.stat().st_size / 1e6:.1f} MB, "
                f"generated in {time.perf_counter() - started:.1f} s)"
            )
            delete_bench_plans()
            dry = measured(env, "dry-run", path)
            first = measured(env, "apply", path)
            again = measured(env, "apply", path)
            print(line("dry run", dry))
            print(line("import", first))
            print(line("same file again", again))
            target = 10 if size <= 2850 else 300
            met = max(dry["seconds"], first["seconds"]) < target
            unchanged = again["unchanged"] == again["rows"] - again["rejected"] and not again["created"]
            verdict = "met" if met else "MISSED"
            print(f"  target under {target} s: {verdict}; second run all unchanged: {unchanged}")
            peaks[(size, kind)] = max(dry["peak_rss_mb"], first["peak_rss_mb"], again["peak_rss_mb"])
        delete_bench_plans()
    print(f"\nLoad average now {load_average()}")
    print(
        "Peak RSS by file (MB): "
        + ", ".join(f"{size:,} {kind}: {mb:.1f}" for (size, kind), mb in peaks.items())
    )
    csv_sizes = sorted(size for size, kind in peaks if kind == "csv")
    if len(csv_sizes) > 1:
        small, large = peaks[(csv_sizes[0], "csv")], peaks[(csv_sizes[-1], "csv")]
        print(
            f"Memory growth from {csv_sizes[0]:,} to {csv_sizes[-1]:,} rows: {large - small:+.1f} MB "
            f"({csv_sizes[-1] / csv_sizes[0]:.0f}x the rows)"
        )


if __name__ == "__main__":
    main()
