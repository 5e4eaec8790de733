"""Starts the site as production would run it (production settings, PostgreSQL, Redis, uvicorn
workers under config.serve) on a loopback port for a benchmark, and stops it afterwards."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/send_bench")
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(settings="config.settings.production", **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=BENCH_DATABASE_URL,
        REDIS_URL=BENCH_REDIS_URL,
        DJANGO_SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        RASA_JWT_SECRET="bench-only-rasa-jwt-secret-0123456789",
        BOT_SERVICE_TOKEN="bench-only-bot-service-token",
        HEALTHZ_CHECK_CHATBOT="false",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(*args, settings="config.settings.dev"):
    """Runs a management command against the benchmark database (dev settings allow demo data)."""
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=bench_env(settings), check=True)


def listening_sockets(port):
    """How many sockets listen on ``port`` on this machine (Linux)."""
    with open("/proc/net/tcp") as table:
        rows = [line.split() for line in table.readlines()[1:]]
    return sum(1 for row in rows if row[1].endswith(f":{port:04X}") and row[3] == "0A")


@contextlib.contextmanager
def serve(workers=2, port=None):
    """Yields the base URL of the site served by ``workers`` uvicorn processes (static files
    collected first, as production's manifest storage needs)."""
    port = port or free_port()
    manage("collectstatic", "--noinput", "-v0", settings="config.settings.production")
    process = subprocess.Popen(
        [
            PYTHON, "-m", "config.serve",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--no-access-log", "--log-level", "warning",
        ],
        cwd=ROOT,
        env=bench_env(),
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            # Every worker listens on a socket of its own: the load must not start before the last
            # one does, or its share of the connections would all go to the others.
            with contextlib.suppress(httpx.HTTPError):
                ok = httpx.get(f"{base}/healthz", timeout=2).status_code == 200
                if ok and listening_sockets(port) >= workers:
                    break
            time.sleep(0.3)
        else:
            raise RuntimeError(f"the site's {workers} workers were not all answering within 60 s")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
