"""Chat latency: what the Django Channels bridge adds on top of Rasa.

50 conversations at once each send the same process questions twice: once through the web app's
``/ws/chat/`` WebSocket (browser -> consumer -> Rasa -> consumer -> browser), and once straight to
Rasa's custom channel with a valid JWT, as the consumer itself would. Rounds alternate between the
two paths so both see the same machine load. Prints p50/p95 for each, the bridge overhead at p95
(target: under 20 ms) and the failure count.

    .venv/bin/python bench/chat_latency.py --start       # starts daphne, Rasa and the action server
    .venv/bin/python bench/chat_latency.py               # against `make run` (8000, 5005)
    .venv/bin/python bench/chat_latency.py --start --stub-rasa

With 50 conversations at once on a 2-core machine, Rasa itself queues messages for seconds, and
the difference of two such percentiles is mostly noise. ``--stub-rasa`` replaces Rasa with a stub
that checks the JWT and answers after a fixed 50 ms, so what is left over is the bridge's own cost.

``--start`` serves a fresh SQLite database in a temporary folder, migrated and given the FAQ
answers the questions need (``--start --database-url URL`` uses yours instead, e.g. the demo
database after ``make demo``, or PostgreSQL). Everything runs on 127.0.0.1 only.
"""

import argparse
import asyncio
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "What is an EHCP?",
    "how long does the assessment take",
    "what is the local offer",
    "who can ask for an assessment",
    "what happens at an annual review",
]


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Results:
    def __init__(self, name):
        self.name = name
        self.latencies_ms = []
        self.failures = []

    def line(self):
        values = self.latencies_ms
        return (
            f"{self.name:<28} n={len(values):>4}  p50={percentile(values, 0.50):7.1f} ms  "
            f"p95={percentile(values, 0.95):7.1f} ms  max={max(values, default=float('nan')):7.1f} ms  "
            f"failures={len(self.failures)}"
        )


async def websocket_conversation(ws_url, origin, questions, results, timeout):
    from websockets.asyncio.client import connect

    try:
        async with connect(ws_url, additional_headers={"Origin": origin}, open_timeout=timeout) as ws:
            for question in questions:
                started = time.perf_counter()
                await ws.send(json.dumps({"message": question}))
                first = json.loads(await asyncio.wait_for(ws.recv(), timeout))
                results.latencies_ms.append((time.perf_counter() - started) * 1000)
                if first.get("type") != "bot":
                    results.failures.append(f"error reply: {first.get('text', '')[:120]}")
                # The rest of this answer's replies arrive together; drain them before asking again.
                while True:
                    try:
                        await asyncio.wait_for(ws.recv(), 0.05)
                    except TimeoutError:
                        break
    except Exception as exc:  # a failed conversation is counted, never fatal to the benchmark
        results.failures.append(f"{type(exc).__name__}: {exc}")


async def direct_conversation(client, rasa_url, questions, results, timeout):
    from chatbot.tokens import sign_message_token

    sender = secrets.token_hex(16)
    for question in questions:
        token = sign_message_token(sender, None)
        started = time.perf_counter()
        try:
            response = await client.post(
                f"{rasa_url}/webhooks/django/webhook",
                json={"message": question},
                headers={"Authorization": f"Bearer {token}"},
                timeout=timeout,
            )
            results.latencies_ms.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or not isinstance(response.json(), list):
                results.failures.append(f"HTTP {response.status_code}")
        except Exception as exc:
            results.failures.append(f"{type(exc).__name__}: {exc}")


async def run(web_url, rasa_url, conversations, rounds, timeout):
    import httpx

    ws_url = web_url.replace("http://", "ws://").replace("https://", "wss://") + "/ws/chat/"
    bridge = Results("through /ws/chat/ (bridge)")
    direct = Results("straight to Rasa")
    limits = httpx.Limits(max_connections=conversations, max_keepalive_connections=conversations)
    async with httpx.AsyncClient(limits=limits) as client:
        # Warm up both paths (model caches, connection pools, first-request imports).
        warm = Results("warm-up")
        await direct_conversation(client, rasa_url, QUESTIONS, warm, timeout)
        await websocket_conversation(ws_url, web_url, QUESTIONS, warm, timeout)
        for round_number in range(rounds):
            for path in ("bridge", "direct") if round_number % 2 == 0 else ("direct", "bridge"):
                if path == "bridge":
                    jobs = [
                        websocket_conversation(ws_url, web_url, QUESTIONS, bridge, timeout)
                        for _ in range(conversations)
                    ]
                else:
                    jobs = [
                        direct_conversation(client, rasa_url, QUESTIONS, direct, timeout)
                        for _ in range(conversations)
                    ]
                await asyncio.gather(*jobs)
    return bridge, direct


FAQ_FOR_BENCH = """
from cms.models import FAQAnswer
for key, question in [
    ("what_is_ehcp", "What is an EHC plan?"),
    ("assessment_timeline", "How long does an EHC needs assessment take?"),
    ("local_offer", "What is the Local Offer?"),
    ("request_assessment", "How do I ask for an assessment?"),
    ("annual_review", "What happens at an annual review?"),
]:
    FAQAnswer.objects.get_or_create(
        key=key, defaults={"question": question, "answer": "Benchmark answer for " + key + ".", "live": True}
    )
"""


STUB_DELAY_SECONDS = 0.05
STUB_REPLY = json.dumps(
    [
        {
            "recipient_id": "stub",
            "text": "A stub answer.",
            "custom": {"links": [{"title": "Guide", "url": "/g/"}]},
        }
    ]
).encode()


async def stub_rasa_app(scope, receive, send):
    """Rasa's custom channel reduced to its contract: verify the JWT, answer after a fixed delay."""
    import jwt

    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    headers = dict(scope["headers"])
    token = headers.get(b"authorization", b"").decode().removeprefix("Bearer ")
    try:
        jwt.decode(
            token,
            os.environ["RASA_JWT_SECRET"],
            algorithms=["HS256"],
            audience="send-rasa",
            issuer="send-web",
        )
        status, body = 200, STUB_REPLY
    except jwt.PyJWTError:
        status, body = 401, b'{"error": "invalid_token"}'
    await asyncio.sleep(STUB_DELAY_SECONDS)
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": body})


class StubRasa:
    def __init__(self, env):
        from tests.stack.servers import HOST, free_port

        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.args = [
            str(ROOT / ".venv/bin/uvicorn"), "--app-dir", str(ROOT / "bench"), "chat_latency:stub_rasa_app",
            "--host", HOST, "--port", str(self.port), "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        self.env = env
        self.process = None

    def start(self):
        from tests.stack.servers import wait_until_up

        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env)
        wait_until_up(self.url + "/", lambda: self.process.poll() is None, "stub Rasa", 30)
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_stack(secret, service_token, database_url=None, stub=False, server="daphne"):
    """daphne (the web app), the action server and Rasa on free loopback ports; returns stop()."""
    from tests.stack.servers import HOST, action_server, free_port, rasa_env, rasa_server, wait_until_up

    web_port = free_port()
    web_url = f"http://{HOST}:{web_port}"
    env = rasa_env(web_url, secret, service_token)
    actions = action_server(env)
    rasa = StubRasa(env) if stub else rasa_server(env, actions.url, tempfile.mkdtemp(prefix="chat-bench-"))
    web_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "HEALTHZ_CHECK_CHATBOT": "false",  # Rasa starts after the web app
        "RASA_URL": rasa.url,
        "RASA_ACTIONS_URL": actions.url,
        "RASA_JWT_SECRET": secret,
        "BOT_SERVICE_TOKEN": service_token,
    }
    manage = [str(ROOT / ".venv/bin/python"), "manage.py"]
    if database_url:
        web_env["DATABASE_URL"] = database_url
    else:
        web_env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='chat-bench-db-')}/bench.sqlite3"
        print("Migrating a fresh database for the benchmark...", flush=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=web_env, check=True)
        subprocess.run([*manage, "shell", "-c", FAQ_FOR_BENCH], cwd=ROOT, env=web_env, check=True)
    if server == "daphne":  # as in the Procfile
        command = [str(ROOT / ".venv/bin/daphne"), "-b", HOST, "-p", str(web_port), "config.asgi:application"]
    else:
        command = [
            str(ROOT / ".venv/bin/uvicorn"),
            "--host",
            HOST,
            "--port",
            str(web_port),
            "--no-access-log",
        ]
        command += ["--log-level", "warning", "config.asgi:application"]
    web = subprocess.Popen(
        command,
        cwd=ROOT,
        env=web_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = []

    def stop():
        for process in reversed(started):
            process.stop()
        web.terminate()
        web.wait(timeout=20)

    try:
        wait_until_up(f"{web_url}/healthz", lambda: web.poll() is None, "daphne", 60)
        if not stub:
            started.append(actions.start())
        started.append(rasa.start())
    except BaseException:
        stop()
        raise
    return web_url, rasa.url, stop


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--start", action="store_true", help="start daphne, Rasa and the action server")
    parser.add_argument("--database-url", help="with --start: the database to serve (default: a fresh one)")
    parser.add_argument(
        "--stub-rasa", action="store_true", help="with --start: a fixed-latency stub for Rasa"
    )
    parser.add_argument("--server", choices=["daphne", "uvicorn"], default="daphne", help="with --start")
    parser.add_argument("--web-url", default="http://127.0.0.1:8000")
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2, help="rounds per path (alternating)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one reply")
    args = parser.parse_args()

    stop = None
    if args.start:
        os.environ["RASA_JWT_SECRET"] = secrets.token_urlsafe(32)
        os.environ["BOT_SERVICE_TOKEN"] = secrets.token_urlsafe(32)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if args.start:
        what = "a stub for Rasa" if args.stub_rasa else "the action server and Rasa"
        print(f"Starting daphne and {what} on free loopback ports...", flush=True)
        args.web_url, args.rasa_url, stop = start_stack(
            os.environ["RASA_JWT_SECRET"],
            os.environ["BOT_SERVICE_TOKEN"],
            args.database_url,
            args.stub_rasa,
            args.server,
        )
    try:
        print(
            f"{args.conversations} concurrent conversations x {len(QUESTIONS)} messages x "
            f"{args.rounds} rounds per path; web {args.web_url}, Rasa {args.rasa_url}",
            flush=True,
        )
        started = time.perf_counter()
        bridge, direct = asyncio.run(
            run(args.web_url, args.rasa_url, args.conversations, args.rounds, args.timeout)
        )
        elapsed = time.perf_counter() - started
    finally:
        if stop:
            stop()

    print(bridge.line())
    print(direct.line())
    overhead_p50 = percentile(bridge.latencies_ms, 0.50) - percentile(direct.latencies_ms, 0.50)
    overhead_p95 = percentile(bridge.latencies_ms, 0.95) - percentile(direct.latencies_ms, 0.95)
    failures = len(bridge.failures) + len(direct.failures)
    print(f"bridge overhead: p50 {overhead_p50:+.1f} ms, p95 {overhead_p95:+.1f} ms (target < 20 ms at p95)")
    print(f"failures: {failures} ({elapsed:.1f} s in all)")
    for failure in (bridge.failures + direct.failures)[:10]:
        print(f"  {failure}")
    ok = overhead_p95 < 20 and failures == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
