"""Real servers on free loopback ports, for the stack tests and the chat latency benchmark:
the web app (uvicorn in a thread of this process, so it shares the test database), Rasa and the
Rasa action server (subprocesses from .venv-rasa)."""

import os
import secrets
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[2]
RASA_DIR = ROOT / "chatbot" / "rasa"
RASA_BIN = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = RASA_DIR / "models" / "send-assistant.tar.gz"
HOST = "127.0.0.1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(url, is_alive, what, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive():
            raise RuntimeError(f"{what} exited while starting")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not answer {url} within {timeout} s")


class WebServer:
    """The project's ASGI application (HTTP and /ws/chat/) served by uvicorn in a background thread."""

    def __init__(self, application):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.ws_url = f"ws://{HOST}:{self.port}/ws/chat/"
        config = uvicorn.Config(
            application,
            host=HOST,
            port=self.port,
            lifespan="off",
            log_level="warning",
            ws="websockets-sansio",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="stack-web", daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return self

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


class RasaProcess:
    """``rasa run`` or ``rasa run actions`` from chatbot/rasa, logging to a file we can quote on failure."""

    def __init__(self, name, args, env, health_path):
        self.name = name
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.args = [str(RASA_BIN), *args, "--port", str(self.port)]
        self.env = env
        self.health_url = self.url + health_path
        self.log = Path(tempfile.mkstemp(prefix=f"stack-{name}-", suffix=".log")[1])
        self.process = None

    def start(self, timeout=240):
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.args,
                cwd=RASA_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until_up(self.health_url, lambda: self.process.poll() is None, self.name, timeout)
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{exc}; last log lines:\n{self.log_tail()}") from exc
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def rasa_env(web_url, jwt_secret, service_token):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "RASA_JWT_SECRET": jwt_secret,
            "BOT_SERVICE_TOKEN": service_token,
            # A fresh one per run: Rasa sends it, the action server refuses calls without it.
            "RASA_ACTIONS_SECRET": secrets.token_urlsafe(32),
            # The test settings' secrets are marked test-only, which Rasa refuses outside development.
            "ALLOW_DEVELOPMENT_SECRETS": "1",
            "WEB_URL": web_url,
            "SANIC_HOST": HOST,  # the action server binds to loopback only
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "3",
        }
    )
    return env


def action_server(env):
    return RasaProcess("actions", ["run", "actions", "--actions", "actions"], env, "/health")


def rasa_server(env, actions_url, workdir):
    """Rasa as production runs it (the scrubbing SQL tracker store, on SQLite in ``workdir``), its
    action endpoint pointed at ``actions_url``."""
    endpoints = Path(workdir) / "endpoints.yml"
    trackers_db = Path(workdir) / "trackers.db"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{actions_url}/webhook"\n'
        "  headers:\n    Authorization: Bearer ${RASA_ACTIONS_SECRET}\n"
        "tracker_store:\n  type: tracker_stores.ScrubbedSQLTrackerStore\n  dialect: sqlite\n"
        f'  db: "{trackers_db}"\n'
    )
    args = [
        "run",
        "--interface",
        HOST,
        "--credentials",
        str(RASA_DIR / "credentials.yml"),
        "--endpoints",
        str(endpoints),
        "--model",
        str(MODEL),
    ]
    process = RasaProcess("rasa", args, env, "/")
    process.trackers_db = trackers_db
    return process
