"""A small closed-loop HTTP/1.1 load generator on loopback, shared by the benchmarks.

Each of ``concurrency`` clients holds one keep-alive connection and sends its next request as soon
as the previous answer is read, so the figures show the server under that many simultaneous users
with no think time. It speaks plain HTTP over asyncio streams: a heavier client (httpx) would eat
the CPU that the server under test needs on a 2-core machine."""

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Result:
    name: str
    latencies_ms: list = field(default_factory=list)
    failures: int = 0
    elapsed_s: float = 0.0

    def percentile(self, p):
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def rps(self):
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0

    def line(self):
        return (
            f"{self.name:<28} n={len(self.latencies_ms):>6}  p50={self.percentile(50):7.1f} ms  "
            f"p95={self.percentile(95):7.1f} ms  max={max(self.latencies_ms, default=0):7.1f} ms  "
            f"rps={self.rps:7.1f}  failures={self.failures}"
        )


class Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, host, port, cookies=None):
        self.host, self.port = host, port
        self.cookie_header = "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())
        self.reader = self.writer = None

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def get(self, path):
        """Returns (status, body) for GET ``path``."""
        if self.writer is None:
            await self._open()
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept: text/html"]
        if self.cookie_header:
            lines.append(f"Cookie: {self.cookie_header}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readline()).strip(), 16):
                body += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def keep_alive_client(base, visits, deadline, remaining, *, expect_status=200, cookies=None, offset=0):
    """One client on one keep-alive connection: cycles through ``visits`` ((Result, path) pairs,
    starting at ``offset``), each answer timed into its Result, until ``deadline`` or until the
    shared ``remaining`` count runs out."""
    parts = urlsplit(base)
    connection = Connection(parts.hostname, parts.port, cookies)
    turn = offset
    try:
        while time.perf_counter() < deadline and remaining[0] > 0:
            remaining[0] -= 1
            result, path = visits[turn % len(visits)]
            turn += 1
            started = time.perf_counter()
            try:
                status, _ = await connection.get(path)
                ok = status == expect_status
            except (OSError, ValueError, asyncio.IncompleteReadError):
                connection.close()
                ok = False
            if ok:
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
            else:
                result.failures += 1
    finally:
        connection.close()


async def run_load(
    name,
    base,
    paths,
    *,
    concurrency=20,
    requests=2000,
    max_seconds=60,
    warmup=40,
    cookies=None,
    expect_status=200,
):
    """Sends ``requests`` GETs over ``concurrency`` connections (or stops after ``max_seconds``),
    cycling through ``paths``; the first ``warmup`` requests are not counted."""
    if isinstance(paths, str):
        paths = [paths]
    warm = Result("warmup")
    await keep_alive_client(
        base, [(warm, path) for path in paths], time.perf_counter() + max_seconds, [warmup], cookies=cookies
    )
    result = Result(name)
    visits = [(result, path) for path in paths]
    remaining = [requests]
    started = time.perf_counter()
    deadline = started + max_seconds
    await asyncio.gather(
        *(
            keep_alive_client(
                base, visits, deadline, remaining, expect_status=expect_status, cookies=cookies, offset=offset
            )
            for offset in range(concurrency)
        )
    )
    result.elapsed_s = time.perf_counter() - started
    return result


def summary(results):
    return "\n".join(result.line() for result in results)


def median(values):
    return statistics.median(values) if values else float("nan")
