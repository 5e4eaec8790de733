"""Serves the site: uvicorn worker processes, each listening on a socket of its own.

uvicorn's own ``--workers`` share one listening socket, and a worker's event loop accepts every
connection waiting on it at once. Keep-alive connections that arrive together (a proxy's pool, a
rush of families after a reminder email) can then all land on one worker while the others idle: in
the portal benchmark 20 connections split 20/0, 19/1, 17/3 and 13/7, and when all 20 sat on one
worker its pages took twice as long. Here every worker binds the port with SO_REUSEPORT, and the
kernel spreads new connections across the workers' sockets.

    .venv/bin/python -m config.serve --host 127.0.0.1 --port 8000 --workers 2

The parent only supervises: it restarts a worker that dies, and on SIGTERM or SIGINT stops them
all (each finishes its requests in flight) and exits. A worker that crashes resets the connections
still queued on its socket; Linux's ``net.ipv4.tcp_migrate_req`` sysctl hands them to another
worker instead."""

import argparse
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time

logger = logging.getLogger("config.serve")

APP = "config.asgi:application"
# uvicorn's exit status for a worker that could not start (the app or its settings failed to load):
# it would fail the same way again, so everything stops instead.
STARTUP_FAILURE = 3
STOP_SECONDS = 30


def listening_socket(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def run_worker(app, host, port, options):
    import uvicorn

    # The parent's handlers are not wanted here: uvicorn installs its own graceful ones.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _exit_with(os.getppid())
    try:
        sock = listening_socket(host, port)
    except OSError as error:
        logger.error("Cannot listen on %s:%s: %s", host, port, error)
        sys.exit(STARTUP_FAILURE)
    uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])


def _exit_with(parent):
    """A worker whose supervisor was killed outright stops too, rather than go on listening unseen."""

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class Supervisor:
    def __init__(self, app, host, port, workers, options):
        self.args = (app, host, port, options)
        self.workers = workers
        self.processes = []
        self.stopping = False
        self.context = multiprocessing.get_context("spawn")

    def start_worker(self):
        process = self.context.Process(target=run_worker, args=self.args, name="web-worker")
        process.start()
        return process

    def stop(self, *_):
        self.stopping = True

    def run(self):
        # Bound once here first, so a port that is taken fails at once and plainly.
        listening_socket(*self.args[1:3]).close()
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        self.processes = [self.start_worker() for _ in range(self.workers)]
        logger.info("Serving on %s:%s with %d workers", self.args[1], self.args[2], self.workers)
        status = 0
        while not self.stopping:
            time.sleep(0.5)
            for index, process in enumerate(self.processes):
                if process.is_alive() or self.stopping:
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    logger.error("Worker %s could not start; stopping", process.pid)
                    self.stopping, status = True, 1
                    break
                logger.warning("Worker %s exited with %s; starting another", process.pid, process.exitcode)
                self.processes[index] = self.start_worker()
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for process in self.processes:
            process.join(max(0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        return status


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--app", default=APP, help=f"ASGI application (default {APP})")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "1")),
        help="worker processes (default: WEB_CONCURRENCY, or 1)",
    )
    parser.add_argument("--log-level", default="info")
    parser.add_argument("--no-access-log", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    options = {"log_level": args.log_level, "access_log": not args.no_access_log}
    return Supervisor(args.app, args.host, args.port, max(1, args.workers), options).run()


if __name__ == "__main__":
    sys.exit(main())
