"""A lean HTTP/1.1 load generator: N keep-alive connections on loopback, for a bounded time.

Raw asyncio streams, no HTTP library: the client spends a few tens of microseconds per
request, so on a shared 2-core machine it takes as little as possible from the server it
measures (identical for both peers). Each request's latency is kept with whether its URL
was asked before in the run (a first-time request cannot be a cache hit).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Load:
    """What a run measured: latencies (s), first-time flags, errors, wall and client CPU."""

    latencies: list[float] = field(default_factory=list)
    first_time: list[bool] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0
    client_cpu: float = 0.0
    bytes: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0

    def quantile(self, q: float, first_only: bool = False) -> float:
        values = [
            lat
            for lat, first in zip(self.latencies, self.first_time, strict=True)
            if first or not first_only
        ]
        if len(values) < 2:
            return values[0] if values else float("nan")
        return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)
    }
    if "content-length" in headers:
        size = int(headers["content-length"])
        await reader.readexactly(size)
        return status, size
    if headers.get("transfer-encoding", "").lower() == "chunked":
        total = 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            total += size
            if size == 0:
                return status, total
    raise RuntimeError("response without length: the benchmark needs keep-alive")


async def _worker(
    host: str,
    port: int,
    paths: Callable[[], str],
    deadline: float,
    load: Load,
    seen: set[str],
    extra: str,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            path = paths()
            first = path not in seen
            seen.add(path)
            start = time.perf_counter()
            head = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n"
            writer.write(f"{head}{extra}\r\n".encode())
            status, size = await _read_response(reader)
            load.latencies.append(time.perf_counter() - start)
            load.first_time.append(first)
            load.bytes += size
            if status != 200:
                load.errors += 1
    finally:
        writer.close()
        await writer.wait_closed()


def run(
    host: str,
    port: int,
    paths: list[str],
    seconds: float,
    connections: int,
    seed: int = 7,
    headers: dict[str, str] | None = None,
) -> Load:
    """Drive ``connections`` connections for ``seconds``; each request a random one of ``paths``
    (with ``headers``, e.g. the ``Accept-Encoding`` a browser sends)."""
    rng = random.Random(seed)
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    load = Load()

    async def main() -> None:
        deadline = time.perf_counter() + seconds
        seen: set[str] = set()
        start, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(
            *(
                _worker(host, port, lambda: rng.choice(paths), deadline, load, seen, extra)
                for _ in range(connections)
            )
        )
        load.wall, load.client_cpu = time.perf_counter() - start, time.process_time() - cpu

    asyncio.run(main())
    return load
