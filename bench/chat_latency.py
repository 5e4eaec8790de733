"""Chat latency: what the Django Channels bridge adds on top of Rasa, message by message.

50 conversations at once each send the process questions through the web app's ``/ws/chat/``
WebSocket (browser -> consumer -> Rasa -> consumer -> browser), each family taking 1 to 3 seconds
to read an answer and type the next question (``--think 0 0``: all 50 send at the same instant).
Between the consumer and Rasa sits a small timing proxy (a separate process) that times Rasa's own
REST round trip for each message. What the bridge adds to a message is its round trip at the
browser minus Rasa's round trip for that same message, so Rasa queueing messages under load cancels
out instead of drowning the figure. Prints p50/p95 of the browser's round trip, of Rasa's, and of
the difference (target: under 20 ms at p95), and the failure count.

    .venv/bin/python bench/chat_latency.py               # starts uvicorn, Rasa and the action server
    .venv/bin/python bench/chat_latency.py --stub-rasa

``--stub-rasa`` replaces Rasa with a stub that checks the JWT and answers after a fixed 50 ms.
The web app serves a fresh SQLite database in a temporary folder, migrated and given the FAQ
answers the questions need (``--database-url URL`` uses yours instead, e.g. the demo database
after ``make demo``, or PostgreSQL). Everything runs on 127.0.0.1 only. The proxy's own
reading and writing count as the bridge's, so the figure errs against the bridge.
"""

import argparse
import asyncio
import json
import logging
import os
import random
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
        self.by_message = {}  # message text -> round trip (ms)

    def line(self):
        values = self.latencies_ms
        return (
            f"{self.name:<28} n={len(values):>4}  p50={percentile(values, 0.50):7.1f} ms  "
            f"p95={percentile(values, 0.95):7.1f} ms  max={max(values, default=float('nan')):7.1f} ms  "
            f"failures={len(self.failures)}"
        )


async def websocket_conversation(ws_url, origin, questions, results, timeout, think=(0, 0), rng=None):
    """One family's conversation; ``think`` is the (least, most) seconds they take to read an answer
    and type the next question (and to open the chat)."""
    from websockets.asyncio.client import connect

    rng = rng or random.Random()
    try:
        await asyncio.sleep(rng.uniform(*think))
        async with connect(ws_url, additional_headers={"Origin": origin}, open_timeout=timeout) as ws:
            for n, question in enumerate(questions):
                if n:
                    await asyncio.sleep(rng.uniform(*think))
                started = time.perf_counter()
                await ws.send(json.dumps({"message": question}))
                first = json.loads(await asyncio.wait_for(ws.recv(), timeout))
                elapsed_ms = (time.perf_counter() - started) * 1000
                results.latencies_ms.append(elapsed_ms)
                results.by_message[question] = elapsed_ms
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


def tagged(questions, conversation, round_number):
    """The questions made unique per conversation and round, so each message's two timings pair up."""
    return [f"{question} (r{round_number}c{conversation}m{n})" for n, question in enumerate(questions)]


async def run(web_url, conversations, rounds, timeout, think):
    ws_url = web_url.replace("http://", "ws://").replace("https://", "wss://") + "/ws/chat/"
    bridge = Results("browser round trip")
    rng = random.Random(2026)
    # Warm up (model caches, connection pools, first-request imports).
    await websocket_conversation(ws_url, web_url, tagged(QUESTIONS, 0, "w"), Results("warm-up"), timeout)
    for round_number in range(rounds):
        await asyncio.gather(
            *(
                websocket_conversation(
                    ws_url, web_url, tagged(QUESTIONS, n, round_number), bridge, timeout, think, rng
                )
                for n in range(conversations)
            )
        )
    return bridge


# --- The timing proxy between the consumer and Rasa ---------------------------------------------------


async def _read_body(reader, head):
    """The body after ``head``, as sent (Content-Length or chunked), to forward unchanged."""
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        raw = b""
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            raw += size_line + await reader.readexactly(size + 2)
            if size == 0:
                return raw
    return await reader.readexactly(int(headers.get(b"content-length", b"0")))


async def _relay(reader, writer, upstream, log):
    """Forwards each request on one keep-alive connection and logs Rasa's time for its message."""
    up_reader = up_writer = None
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            body = await _read_body(reader, head)
            if up_writer is None:
                up_reader, up_writer = await asyncio.open_connection(*upstream)
            started = time.perf_counter()
            up_writer.write(head + body)
            await up_writer.drain()
            response_head = await up_reader.readuntil(b"\r\n\r\n")
            response_body = await _read_body(up_reader, response_head)
            rasa_ms = (time.perf_counter() - started) * 1000
            writer.write(response_head + response_body)
            await writer.drain()
            try:
                message = json.loads(body).get("message")
            except ValueError:
                message = None
            log.write(json.dumps({"message": message, "ms": rasa_ms}) + "\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass  # the consumer closed its connection
    finally:
        for each in (writer, up_writer):
            if each is not None:
                each.close()


def serve_timing_proxy(port, upstream_port, log_path):
    """Runs the proxy until it is terminated (``--timing-proxy``, in a process of its own)."""
    from tests.stack.servers import HOST

    async def main():
        with open(log_path, "a", buffering=1) as log:
            server = await asyncio.start_server(
                lambda r, w: _relay(r, w, (HOST, upstream_port), log), HOST, port
            )
            async with server:
                await server.serve_forever()

    asyncio.run(main())


class TimingProxy:
    def __init__(self, upstream_url):
        from tests.stack.servers import HOST, free_port

        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = Path(tempfile.mkdtemp(prefix="chat-bench-proxy-")) / "rasa-times.jsonl"
        upstream_port = upstream_url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--timing-proxy", str(self.port), upstream_port, str(self.log_path)],
            cwd=ROOT,
        )

    def times(self):
        """{message text: Rasa's round trip in ms} for every message the proxy forwarded."""
        if not self.log_path.exists():
            return {}
        with self.log_path.open() as lines:
            return {entry["message"]: entry["ms"] for entry in map(json.loads, lines)}

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


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


def start_stack(secret, service_token, database_url=None, stub=False, server="uvicorn"):
    """The web app, the action server and Rasa on free loopback ports; returns stop()."""
    from tests.stack.servers import HOST, action_server, free_port, rasa_env, rasa_server, wait_until_up

    web_port = free_port()
    web_url = f"http://{HOST}:{web_port}"
    env = rasa_env(web_url, secret, service_token)
    actions = action_server(env)
    rasa = StubRasa(env) if stub else rasa_server(env, actions.url, tempfile.mkdtemp(prefix="chat-bench-"))
    proxy = TimingProxy(rasa.url)
    web_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "HEALTHZ_CHECK_CHATBOT": "false",  # Rasa starts after the web app
        "RASA_URL": proxy.url,
        "RASA_ACTIONS_URL": actions.url,
        "RASA_JWT_SECRET": secret,
        "BOT_SERVICE_TOKEN": service_token,
        # Every family here is on 127.0.0.1, and the web app on a free port.
        "CHAT_MESSAGES_PER_ADDRESS_PER_MINUTE": "1000000",
        "CHAT_ALLOWED_ORIGINS": web_url,
    }
    manage = [str(ROOT / ".venv/bin/python"), "manage.py"]
    if database_url:
        web_env["DATABASE_URL"] = database_url
    else:
        web_env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='chat-bench-db-')}/bench.sqlite3"
        print("Migrating a fresh database for the benchmark...", flush=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=web_env, check=True)
        subprocess.run([*manage, "shell", "-c", FAQ_FOR_BENCH], cwd=ROOT, env=web_env, check=True)
    if server == "daphne":
        command = [str(ROOT / ".venv/bin/daphne"), "-b", HOST, "-p", str(web_port), "config.asgi:application"]
    else:
        command = [sys.executable, "-m", "config.serve", "--host", HOST, "--port", str(web_port)]
        command += ["--no-access-log", "--log-level", "warning"]
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
        proxy.stop()
        web.terminate()
        web.wait(timeout=20)

    try:
        wait_until_up(f"{web_url}/healthz", lambda: web.poll() is None, server, 60)
        if not stub:
            started.append(actions.start())
        started.append(rasa.start())
    except BaseException:
        stop()
        raise
    return web_url, proxy, stop


def main():
    if sys.argv[1:2] == ["--timing-proxy"]:
        port, upstream_port, log_path = sys.argv[2:5]
        return serve_timing_proxy(int(port), int(upstream_port), log_path)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="the database to serve (default: a fresh SQLite one)")
    parser.add_argument("--stub-rasa", action="store_true", help="a fixed-latency stub for Rasa")
    parser.add_argument(
        "--server",
        choices=["daphne", "uvicorn"],
        default="uvicorn",
        help="uvicorn (config.serve): as in the Procfile",
    )
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one reply")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(1.0, 3.0),
        metavar=("LEAST", "MOST"),
        help="seconds a family takes between an answer and their next message (0 0: every "
        "conversation sends at the same instant, a burst no chat sees)",
    )
    args = parser.parse_args()

    os.environ["RASA_JWT_SECRET"] = secrets.token_urlsafe(32)
    os.environ["BOT_SERVICE_TOKEN"] = secrets.token_urlsafe(32)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    what = "a stub for Rasa" if args.stub_rasa else "the action server and Rasa"
    print(f"Starting {args.server}, the timing proxy and {what} on free loopback ports...", flush=True)
    web_url, proxy, stop = start_stack(
        os.environ["RASA_JWT_SECRET"],
        os.environ["BOT_SERVICE_TOKEN"],
        args.database_url,
        args.stub_rasa,
        args.server,
    )
    try:
        print(
            f"{args.conversations} concurrent conversations x {len(QUESTIONS)} messages x "
            f"{args.rounds} rounds, {args.think[0]:g} to {args.think[1]:g} s between a reply and the next "
            f"message; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        started = time.perf_counter()
        bridge = asyncio.run(run(web_url, args.conversations, args.rounds, args.timeout, tuple(args.think)))
        elapsed = time.perf_counter() - started
        rasa_times = proxy.times()
    finally:
        stop()

    rasa = Results("Rasa's own REST round trip")
    added = Results("added by the bridge")
    unmatched = []
    for message, round_trip in bridge.by_message.items():
        if message not in rasa_times:
            unmatched.append(message)
            continue
        rasa.latencies_ms.append(rasa_times[message])
        added.latencies_ms.append(round_trip - rasa_times[message])
    print(f"\n{len(bridge.by_message)} messages answered in {elapsed:.1f} s; for each, in ms:")
    for result in (bridge, rasa, added):
        print("  " + result.line())
    failures = bridge.failures + [f"no Rasa timing for {message!r}" for message in unmatched]
    print(f"failures: {len(failures)}")
    for failure in failures[:10]:
        print(f"  {failure}")
    p95 = percentile(added.latencies_ms, 0.95)
    ok = p95 < 20 and not failures
    verdict = "met" if ok else "NOT met"
    print(f"The bridge adds {p95:.1f} ms at p95 (target: under 20 ms, nothing failing): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
