"""Portal benchmark: server time, page weight and first contentful paint of the portal's pages.

Usage: python bench/portal.py [--rows 1000000] [--requests 200] [--seconds 5]
    [--clients 4] [--workdir DIR] [--keep]

Builds the demo instance (``services.demo.build_demo``, the bundled real files and the five
packs) in ``--workdir`` and ingests ``--rows`` rows of ``bench/gen_data.py`` into it as the
dataset ``dechets`` (``territoria ingest``, as ``bench/api_vs_datasette.py`` does); a workdir
prepared by an earlier run is reused. Serves it with a real ``territoria serve`` and measures,
for each page type whose route exists (a 404 page is reported as missing):
(1) server time — whole requests on loopback, keep-alive: ``--requests`` sequential ones
(p50/p95), then ``--clients`` concurrent connections for ``--seconds`` (p50/p95, req/s), with
the server's CPU time per request; (2) page weight — the HTML and every asset and data request
the page makes in headless Debian Chromium, summed as transferred and uncompressed, map
contours apart; (3) first contentful paint in a cold browser context, median of 3.
The issue names no peer for the portal: the targets (p95 < 150 ms, < 500 KB before contours,
FCP < 1 s) are printed with whether each is met. Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import loadgen  # noqa: E402
import portal_weight  # noqa: E402
from api_vs_datasette import cpu_seconds  # noqa: E402

BIN = Path(sys.executable).parent
P95_TARGET_MS, WEIGHT_TARGET_KB, FCP_TARGET_MS = 150.0, 500.0, 1000.0
# (name, path, timed): the four page types the issue times, then the others (weight, FCP)
PAGES = [
    ("home", "/", True),
    ("catalogue", "/datasets", True),
    ("catalogue, search", "/datasets?q=subventions", True),
    ("dataset, 1M rows", "/datasets/dechets", True),
    ("dataset, 1M rows, sorted", "/datasets/dechets?sort=-tonnage", True),
    ("dataset, small", "/datasets/subventions-exemple-scdl", True),
    ("territory", "/territories/departement:2A", True),
    ("territory, commune", "/territories/commune:75056", True),
    ("territory search", "/territories?q=ajaccio", False),
    ("packs", "/packs", False),
    ("pack", "/packs/dechets", False),
    ("indicator", "/indicators/dechets.kg-par-habitant", False),
    ("upload", "/upload", False),
    ("versions", "/datasets/subventions-exemple-scdl/versions", False),
]


def prepare(work: Path, rows: int) -> Path:
    """The demo instance in ``work/home`` with ``rows`` generated rows as ``dechets``."""
    home = work / "home"
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    if (work / "ready").exists():
        subprocess.run([BIN / "territoria", "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        return home
    from territoria.config import Settings
    from territoria.services.demo import build_demo

    start = time.perf_counter()
    build_demo(Settings(home=home))
    print(f"demo instance built: {time.perf_counter() - start:.1f} s")
    data = work / "dechets.csv"
    subprocess.run(
        [sys.executable, HERE / "gen_data.py", data, str(rows), "--error-rate", "0"], check=True
    )
    start = time.perf_counter()
    ingest = [BIN / "territoria", "ingest", data, "--dataset", "dechets", "--schema"]
    ingest += [HERE / "schema.json", "--title", "Tonnages de déchets collectés (1M lignes)"]
    subprocess.run(ingest, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"{rows} rows ingested as dechets: {time.perf_counter() - start:.1f} s")
    data.unlink()
    (work / "ready").touch()
    return home


def serve(home: Path) -> tuple[subprocess.Popen[bytes], int]:
    """A real ``territoria serve`` of ``home`` on a free loopback port, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    server = subprocess.Popen(
        [BIN / "territoria", "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if _get(port, "/healthz")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("territoria serve did not answer")


def _get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def sequential(port: int, path: str, requests: int) -> list[float]:
    """Latencies (s) of ``requests`` GETs one after the other on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    latencies = []
    for _ in range(requests):
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
    connection.close()
    return latencies


def quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (inclusive method, as ``loadgen``)."""
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def server_times(
    server: subprocess.Popen[bytes], port: int, path: str, args: argparse.Namespace
) -> dict[str, float]:
    """Sequential and concurrent p50/p95 (ms), concurrent req/s and server CPU per request."""
    _get(port, path)  # warm: templates compiled, first query planned
    cpu = cpu_seconds(server.pid)
    alone = sequential(port, path, args.requests)
    cpu_ms = (cpu_seconds(server.pid) - cpu) / len(alone) * 1000
    crowd = loadgen.run("127.0.0.1", port, [path], args.seconds, args.clients)
    if crowd.errors:
        raise RuntimeError(f"{path}: {crowd.errors} errors under load")
    return {
        "p50": quantile(alone, 0.5) * 1000,
        "p95": quantile(alone, 0.95) * 1000,
        "cpu": cpu_ms,
        "c_p50": crowd.quantile(0.5) * 1000,
        "c_p95": crowd.quantile(0.95) * 1000,
        "rate": crowd.rate,
    }


def _missed(times: dict[str, float] | None, weight: portal_weight.Weight) -> list[str]:
    """The targets a page misses (server time only for the page types the issue times)."""
    missed = []
    if times is not None and times["p95"] >= P95_TARGET_MS:
        missed.append("p95 sequential")
    if times is not None and times["c_p95"] >= P95_TARGET_MS:
        missed.append("p95 concurrent")
    if weight.transferred / 1024 >= WEIGHT_TARGET_KB:
        missed.append("weight")
    if not weight.fcp_ms < FCP_TARGET_MS:
        missed.append("FCP")
    return missed


def report(
    rows: list[tuple[str, str, dict[str, float] | None, portal_weight.Weight]], clients: int
) -> bool:
    """Print the table (Markdown, as docs/benchmarks.md records it); True when all targets met."""
    print(
        f"| page | path | sequential p50 · p95 | {clients} clients p50 · p95 · req/s | server CPU "
        "| transferred · uncompressed (requests) | contours | FCP | targets |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    every = True
    for name, path, times, weight in rows:
        timed = "—", "—", "—"
        if times is not None:
            timed = (
                f"{times['p50']:.1f} · {times['p95']:.1f} ms",
                f"{times['c_p50']:.1f} · {times['c_p95']:.1f} ms · {times['rate']:.0f}",
                f"{times['cpu']:.1f} ms",
            )
        missed = _missed(times, weight)
        every &= not missed
        print(
            f"| {name} | `{path}` | {timed[0]} | {timed[1]} | {timed[2]} "
            f"| {weight.transferred / 1024:.0f} · {weight.uncompressed / 1024:.0f} KB "
            f"({weight.requests}) | {weight.contours / 1024:.0f} KB | {weight.fcp_ms:.0f} ms "
            f"| {'met' if not missed else 'missed: ' + ', '.join(missed)} |"
        )
    print(
        f"targets: p95 < {P95_TARGET_MS:g} ms (home, catalogue, dataset, territory; sequential "
        f"and {clients} clients), < {WEIGHT_TARGET_KB:g} KB transferred before contours, "
        f"FCP < {FCP_TARGET_MS:g} ms (the issue names no peer): "
        + ("all met" if every else "NOT all met")
    )
    return every


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workdir", type=Path, help="keep the instance there (reused)")
    parser.add_argument("--keep", action="store_true", help="do not delete the temporary folder")
    parser.add_argument("--verbose", action="store_true", help="list each page's requests")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="territoria-portal-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        server, port = serve(prepare(work, args.rows))
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        served = [(n, p, t) for n, p, t in PAGES if _get(port, p)[0] == 200]
        for name, path, _timed in PAGES:
            if (name, path, _timed) not in served:
                print(f"{name}: {path} is not served yet (skipped)")
        # the server times first: Playwright's sync API holds an event loop in this thread
        times = {p: server_times(server, port, p, args) for _n, p, timed in served if timed}
        rows = []
        with portal_weight.chromium() as browser:
            for name, path, _timed in served:
                weight = portal_weight.measure(browser, f"http://127.0.0.1:{port}", path)
                rows.append((name, path, times.get(path), weight))
                if args.verbose:
                    print(name, weight.urls)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
        return 0 if report(rows, args.clients) else 1
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=20)
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
