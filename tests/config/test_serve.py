"""config.serve: the site's worker processes each get a fair share of new connections, a worker
that dies is replaced, and a stop signal stops them all."""

import collections
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.stack.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def ask(port, sock=None):
    """The pid of the worker that answers a request (on ``sock``, a kept-alive connection, if given)."""
    own = sock is None
    sock = sock or socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        reader = sock.makefile("rb")
        length = 0
        while (line := reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return int(reader.read(length))
    finally:
        if own:
            sock.close()


def wait_for_workers(port, count, deadline_s=30):
    """Until ``count`` different workers have answered (each starts in its own time)."""
    deadline = time.monotonic() + deadline_s
    seen = set()
    while len(seen) < count and time.monotonic() < deadline:
        try:
            seen.add(ask(port))
        except (OSError, ValueError, IndexError):
            time.sleep(0.1)
    assert len(seen) == count, f"{len(seen)} of {count} workers answered on port {port}"


@pytest.fixture
def server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "config.serve", "--app", "tests.config.pid_app:application",
         "--port", str(port), "--workers", "2", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT,
    )  # fmt: skip
    wait_for_workers(port, 2)
    yield process, port
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def test_a_burst_of_keep_alive_connections_is_spread_over_the_workers(server):
    _, port = server
    connections = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(40)]
    try:
        per_worker = collections.Counter(ask(port, sock) for sock in connections)
    finally:
        for sock in connections:
            sock.close()
    assert len(per_worker) == 2, per_worker
    # The kernel hashes each connection to a worker's socket: 20 each on average. With one shared
    # socket, a burst could all go to one worker; 8 or fewer of 40 here happens once in 4,000 runs.
    assert min(per_worker.values()) > 8, per_worker


def test_a_worker_that_dies_is_replaced(server):
    _, port = server
    workers = {ask(port) for _ in range(40)}
    victim = workers.pop()
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 20
    answered = set()
    while len(answered) < 2 and time.monotonic() < deadline:
        # A connection queued on the dying worker's socket, before the kernel dropped it, is reset.
        with contextlib.suppress(ConnectionResetError):
            answered.add(ask(port))
    assert victim not in answered
    assert len(answered) == 2, "no new worker took the place of the one that died"


def test_a_stop_signal_stops_every_worker(server):
    process, port = server
    workers = {ask(port) for _ in range(40)}
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(OSError):
        ask(port)


def test_workers_stop_when_their_supervisor_is_killed(server):
    process, port = server
    workers = {ask(port) for _ in range(40)}
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers), "workers went on listening after their supervisor died"


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
