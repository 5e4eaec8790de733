"""A small closed-loop HTTP load generator on loopback, shared by the benchmarks.

Each of ``concurrency`` clients sends its next request as soon as the previous one is answered, so
the figures show what the server does under that many simultaneous users with no think time."""

import asyncio
import statistics
import time
from dataclasses import dataclass, field

import httpx


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


async def _client(http, url, result, deadline, remaining, expect_status):
    while time.perf_counter() < deadline and remaining[0] > 0:
        remaining[0] -= 1
        started = time.perf_counter()
        try:
            response = await http.get(url)
            ok = response.status_code == expect_status
        except httpx.HTTPError:
            ok = False
        if ok:
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
        else:
            result.failures += 1


async def run_load(
    name,
    url,
    *,
    concurrency=20,
    requests=2000,
    max_seconds=60,
    warmup=50,
    cookies=None,
    expect_status=200,
):
    """Hit ``url`` with ``concurrency`` clients until ``requests`` answers or ``max_seconds`` pass."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10, cookies=cookies, follow_redirects=False) as http:
        for _ in range(warmup):
            await http.get(url)
        result = Result(name)
        remaining = [requests]
        started = time.perf_counter()
        deadline = started + max_seconds
        await asyncio.gather(
            *(_client(http, url, result, deadline, remaining, expect_status) for _ in range(concurrency))
        )
        result.elapsed_s = time.perf_counter() - started
    return result


def summary(results):
    return "\n".join(result.line() for result in results)


def median(values):
    return statistics.median(values) if values else float("nan")
