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
import json
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
BROWSER = {"Accept-Encoding": "gzip, deflate"}
"""What a browser asks: the server's time includes compressing the page."""
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
        connection.request("GET", path, headers=BROWSER)
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
    server: subprocess.Popen[bytes],
    port: int,
    paths: list[str],
    args: argparse.Namespace,
    first: float | None = None,
) -> dict[str, float]:
    """Sequential and concurrent p50/p95 (ms), concurrent req/s and server CPU per request.

    One path: its first request (``first``, s: nothing cached for it yet), then
    ``--requests`` of it. Many paths (URLs no cache can answer): the first half asked once
    each in a row, the second half under load, quantiles over their first requests only."""
    if first is None:
        start = time.perf_counter()
        _get(port, paths[0])  # templates compiled, the page's first query planned and run
        first = time.perf_counter() - start
    many = len(paths) > 1
    alone_paths = paths[1 : len(paths) // 2] if many else paths * args.requests
    cpu = cpu_seconds(server.pid)
    alone = [sequential(port, path, 1)[0] for path in alone_paths]
    cpu_ms = (cpu_seconds(server.pid) - cpu) / len(alone) * 1000
    crowd_paths = paths[len(paths) // 2 :] if many else paths
    crowd = loadgen.run("127.0.0.1", port, crowd_paths, args.seconds, args.clients, headers=BROWSER)
    if crowd.errors:
        raise RuntimeError(f"{paths[0]}: {crowd.errors} errors under load")
    return {
        "first": first * 1000,
        "p50": quantile(alone, 0.5) * 1000,
        "p95": quantile(alone, 0.95) * 1000,
        "cpu": cpu_ms,
        "c_p50": crowd.quantile(0.5, first_only=many) * 1000,
        "c_p95": crowd.quantile(0.95, first_only=many) * 1000,
        "rate": crowd.rate,
    }


def first_time_paths(port: int) -> dict[str, tuple[str, str, list[str]]]:
    """Pages asked with a new URL each time: the 1M-row table filtered by a ``code_insee``
    of the data (400 of them), and the page of each département."""
    query = "select=code_insee&group_by=code_insee&limit=400"
    found = json.loads(_get(port, f"/api/explore/v2.1/catalog/datasets/dechets/records?{query}")[1])
    codes = [row["code_insee"] for row in found["results"]]
    departements = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"]
    return {
        "dataset, 1M rows, filtered, new URLs": (
            "dataset, 1M rows",
            "/datasets/dechets?f.code_insee=…",
            [f"/datasets/dechets?f.code_insee={c}" for c in codes],
        ),
        "territory, new URLs": (
            "territory",
            "/territories/departement:…",
            [f"/territories/departement:{d}" for d in departements],
        ),
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
        f"| page | path | sequential first · p50 · p95 | {clients} clients p50 · p95 · req/s "
        "| server CPU | transferred · uncompressed (requests) | contours | FCP | targets |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    every = True
    for name, path, times, weight in rows:
        timed = "—", "—", "—"
        if times is not None:
            timed = (
                f"{times['first']:.0f} · {times['p50']:.1f} · {times['p95']:.1f} ms",
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
        served, firsts = [], {}
        for name, path, timed in PAGES:
            start = time.perf_counter()
            if _get(port, path)[0] != 200:
                print(f"{name}: {path} is not served yet (skipped)")
                continue
            firsts[path] = time.perf_counter() - start
            served.append((name, path, [path] if timed else None))
        names = {name for name, _path, _paths in served}
        for name, (kind, shown, paths) in first_time_paths(port).items():
            if kind in names:  # that page type is served
                served.append((name, shown, paths))
        # the server times first: Playwright's sync API holds an event loop in this thread
        times = {
            name: server_times(server, port, paths, args, firsts.get(paths[0]))
            for name, _path, paths in served
            if paths is not None
        }
        rows = []
        with portal_weight.chromium() as browser:
            for name, path, paths in served:
                shown = paths[-1] if paths else path
                weight = portal_weight.measure(browser, f"http://127.0.0.1:{port}", shown)
                rows.append((name, path, times.get(name), weight))
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
