"""Serving benchmark: Territoria's Explore v2.1 API against Datasette on the same 1M rows.

Usage: python bench/api_vs_datasette.py [--rows 1000000] [--seconds 15] [--connections 8]
    [--workdir DIR] [--keep]

Generates the rows with ``bench/gen_data.py`` (no invalid cell, so both peers hold the same
rows) in a temporary folder; ingests them into a fresh instance (``territoria init`` and
``territoria ingest``) served by a real ``territoria serve``; loads them into Datasette as its
users run it in production (``sqlite-utils insert``, ``sqlite-utils create-index`` on the
filtered columns, ``datasette serve --immutable`` with ``suggest_facets off``,
``default_page_size 100``, a SQL time limit long enough for the group-by, no CSV size cap).
Then, on loopback, ``--connections`` keep-alive connections for ``--seconds`` per scenario:
(a) 100-row page + total filtered by ``categorie`` (drawn among its 10 values), (b) the same
by ``code_insee`` (drawn among 10,000 values), (c) ``sum(tonnage)`` grouped by ``categorie``
over all rows (Datasette: the SQL a user would type), (d) the whole table as CSV, with each
server's peak RSS. Prints req/s, p50 and p95 of both, the ratios and the targets, and each
server's CPU time per request (on a shared machine the fairer measure); for (b)
also Territoria's p50/p95 over first-time requests only (no cache can answer those).
Before the load, the totals and sums of both peers are compared (exit 1 when they differ).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_data  # noqa: E402
import loadgen  # noqa: E402

BIN = Path(sys.executable).parent
ODS = "/api/explore/v2.1/catalog/datasets/dechets"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(c) for c in command], check=True, env=env, stdout=subprocess.DEVNULL)


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


def _get(port: int, path: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=300) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _q(**params: str | int) -> str:
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class PeakRss:
    """The largest resident set of a process while the block runs (sampled every 10 ms),
    in all (VmRSS) and its anonymous part (RssAnon: the heap; the rest are file pages —
    libraries, memory-mapped files — shared with the OS page cache and reclaimable)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.peak_anon, self._stop = pid, 0, 0, threading.Event()

    def _rss(self) -> tuple[int, int]:
        found = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "RssAnon:")):
                found[line.split(":")[0]] = int(line.split()[1]) * 1024
        return found.get("VmRSS", 0), found.get("RssAnon", 0)

    def __enter__(self) -> PeakRss:
        self.before = self._rss()[0]

        def sample() -> None:
            while not self._stop.is_set():
                rss, anon = self._rss()
                self.peak, self.peak_anon = max(self.peak, rss), max(self.peak_anon, anon)
                time.sleep(0.01)

        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        # the kernel's own high-water mark (VmHWM): no sample can miss a short peak, but it
        # covers the process's whole life (scenarios before this one included)
        status = Path(f"/proc/{self.pid}/status").read_text().splitlines()
        hwm = [int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:")]
        self.lifetime_peak = hwm[0] if hwm else 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (on a shared machine the wall time of a
    request includes waiting for a core; its CPU time does not)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prepare(work: Path, rows: int) -> tuple[Path, Path, list[str]]:
    """The generated CSV, the Territoria home holding it, the Datasette database; codes."""
    data, home, db = work / "dechets.csv", work / "home", work / "ds.db"
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    if (work / "ready").exists():  # a --workdir prepared by an earlier run
        _run(BIN / "territoria", "init", env=env)  # upgrades its catalogue if need be
        return home, db, _codes(data)
    _run(sys.executable, HERE / "gen_data.py", data, str(rows), "--error-rate", "0")
    start = time.perf_counter()
    _run(BIN / "territoria", "init", env=env)
    _run(
        BIN / "territoria",
        "ingest",
        data,
        "--dataset",
        "dechets",
        "--schema",
        HERE / "schema.json",
        env=env,
    )
    print(f"Territoria ingest: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    _run(BIN / "sqlite-utils", "insert", db, "t", data, "--csv", "--delimiter", ";")
    for column in ("categorie", "code_insee"):
        _run(BIN / "sqlite-utils", "create-index", db, "t", column)
    print(f"Datasette load (sqlite-utils insert + 2 indexes): {time.perf_counter() - start:.1f} s")
    (work / "ready").touch()
    return home, db, _codes(data)


def _codes(data: Path) -> list[str]:
    with data.open(encoding="utf-8") as lines:
        next(lines)
        return sorted({line.split(";", 1)[0] for line in lines})


def start_servers(
    home: Path, db: Path
) -> tuple[subprocess.Popen[bytes], int, subprocess.Popen[bytes], int]:
    ours, theirs = _port(), _port()
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    territoria = subprocess.Popen(
        [str(BIN / "territoria"), "serve", "--port", str(ours)],
        env=env,
        **quiet,  # type: ignore[call-overload]
    )
    settings = [
        ("suggest_facets", "off"),
        ("allow_facet", "off"),
        ("default_page_size", "100"),
        ("sql_time_limit_ms", "120000"),
        ("max_csv_mb", "0"),
    ]
    flags = [part for name, value in settings for part in ("--setting", name, value)]
    datasette = subprocess.Popen(
        [str(BIN / "datasette"), "serve", "--immutable", str(db), "-p", str(theirs), *flags],
        **quiet,  # type: ignore[call-overload]
    )
    _wait(f"http://127.0.0.1:{ours}/healthz", territoria)
    _wait(f"http://127.0.0.1:{theirs}/-/versions.json", datasette)
    return territoria, ours, datasette, theirs


def scenarios(codes: list[str], seed: int) -> dict[str, tuple[list[str], list[str]]]:
    """Per scenario, the paths of Territoria and of Datasette (same queries, same order)."""
    rng = random.Random(seed)
    picked = rng.sample(codes, min(10_000, len(codes)))
    group_sql = "select categorie, sum(tonnage) as total from t group by categorie"
    return {
        "a": (
            [
                f"{ODS}/records?" + _q(where=f'categorie="{c}"', limit=100)
                for c in gen_data.CATEGORIES
            ],
            ["/ds/t.json?" + _q(categorie=c, _size=100) for c in gen_data.CATEGORIES],
        ),
        "b": (
            [f"{ODS}/records?" + _q(where=f'code_insee="{c}"', limit=100) for c in picked],
            ["/ds/t.json?" + _q(code_insee=c, _size=100) for c in picked],
        ),
        "c": (
            [
                f"{ODS}/records?"
                + _q(select="categorie, sum(tonnage) as total", group_by="categorie", limit=100)
            ],
            ["/ds.json?" + _q(sql=group_sql, _shape="array")],
        ),
        "d": ([f"{ODS}/exports/csv"], ["/ds/t.csv?" + _q(_stream="on", _size="max")]),
    }


def same_answers(ours: int, theirs: int, paths: dict[str, tuple[list[str], list[str]]]) -> bool:
    """Totals of (a) and (b) and the sums of (c) agree between the peers."""
    agree = True
    for key in ("a", "b"):
        for mine, other in list(zip(*paths[key], strict=True))[:3]:
            total, count = (
                _get(ours, mine)["total_count"],
                _get(theirs, other)["filtered_table_rows_count"],
            )
            agree &= total == count
    sums = {r["categorie"]: round(r["total"], 3) for r in _get(ours, paths["c"][0][0])["results"]}
    their_sums = {r["categorie"]: round(r["total"], 3) for r in _get(theirs, paths["c"][1][0])}  # type: ignore[attr-defined]
    return agree and sums == their_sums


TARGETS = {"a": (2.0, 0.5), "b": (2.0, 0.5), "c": (10.0, None), "d": (None, None)}
NAMES = {
    "a": "(a) page + total, categorie",
    "b": "(b) page + total, code_insee",
    "c": "(c) group-by sum, all rows",
    "d": "(d) 1M-row CSV export",
}


def measure(
    args: argparse.Namespace,
    ours: subprocess.Popen[bytes],
    our_port: int,
    theirs: subprocess.Popen[bytes],
    their_port: int,
    paths: dict[str, tuple[list[str], list[str]]],
) -> None:
    calibration = loadgen.run(
        "127.0.0.1", our_port, ["/healthz"], min(args.seconds, 3), args.connections
    )
    print(
        f"client check: /healthz at {calibration.rate:.0f} req/s, client CPU "
        f"{calibration.client_cpu / calibration.wall:.0%} of one core"
    )
    heads = f"{'Territoria req/s  p50   p95':>30} {'Datasette req/s  p50   p95':>30}"
    print(f"{'scenario':32} {heads}  ratio  p95 ratio")
    for key, (mine, other) in paths.items():
        exports = key == "d"
        connections = 1 if exports else args.connections
        with PeakRss(ours.pid) as our_rss:
            cpu = cpu_seconds(ours.pid)
            ours_load = loadgen.run("127.0.0.1", our_port, mine, args.seconds, connections)
            our_cpu = (cpu_seconds(ours.pid) - cpu) / max(len(ours_load.latencies), 1)
        with PeakRss(theirs.pid) as their_rss:
            cpu = cpu_seconds(theirs.pid)
            their_load = loadgen.run("127.0.0.1", their_port, other, args.seconds, connections)
            their_cpu = (cpu_seconds(theirs.pid) - cpu) / max(len(their_load.latencies), 1)
        ratio = ours_load.rate / their_load.rate if their_load.rate else float("inf")
        p95 = ours_load.quantile(0.95) / their_load.quantile(0.95)
        line = (
            f"{NAMES[key]:32} {ours_load.rate:9.1f} {ours_load.quantile(0.5) * 1000:7.1f} "
            f"{ours_load.quantile(0.95) * 1000:7.1f} ms {their_load.rate:9.1f} "
            f"{their_load.quantile(0.5) * 1000:7.1f} {their_load.quantile(0.95) * 1000:7.1f} ms "
            f"{ratio:6.2f}x {p95:6.2f}"
        )
        print(line)
        print(
            f"    server CPU per request: Territoria {our_cpu * 1000:.2f} ms, "
            f"Datasette {their_cpu * 1000:.2f} ms ({their_cpu / our_cpu if our_cpu else 0:.2f}x)"
        )
        if ours_load.errors or their_load.errors:
            print(f"    errors: Territoria {ours_load.errors}, Datasette {their_load.errors}")
        if key == "b":
            print(
                f"    Territoria first-time requests only: {sum(ours_load.first_time)} of "
                f"{len(ours_load.latencies)}, p50 {ours_load.quantile(0.5, True) * 1000:.1f} ms, "
                f"p95 {ours_load.quantile(0.95, True) * 1000:.1f} ms"
            )
        if exports:
            size = ours_load.bytes / max(len(ours_load.latencies), 1) / 1e6
            mb = 2**20
            print(
                f"    peak RSS: Territoria {our_rss.peak / mb:.0f} MB (target < 300 MB; "
                f"{our_rss.before / mb:.0f} MB before the export, anonymous peak "
                f"{our_rss.peak_anon / mb:.0f} MB; VmHWM since start "
                f"{our_rss.lifetime_peak / mb:.0f} MB), Datasette {their_rss.peak / mb:.0f} MB "
                f"(anonymous {their_rss.peak_anon / mb:.0f} MB); {size:.0f} MB per export"
            )
        throughput, latency = TARGETS[key]
        if throughput is not None:
            met = ratio >= throughput and (latency is None or p95 <= latency)
            wanted = f">= {throughput:g}x" + (f", p95 <= {latency:g}" if latency else "")
            print(f"    target {wanted}: {'met' if met else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--workdir", type=Path, help="keep the data there (default: a temporary folder)"
    )
    parser.add_argument("--keep", action="store_true", help="do not delete the temporary folder")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="territoria-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    servers: list[subprocess.Popen[bytes]] = []
    try:
        home, db, codes = prepare(work, args.rows)
        ours, our_port, theirs, their_port = start_servers(home, db)
        servers = [ours, theirs]
        paths = scenarios(codes, seed=11)
        agree = same_answers(our_port, their_port, paths)
        print(
            f"{args.rows} rows, {args.connections} connections, {args.seconds:g} s per scenario; "
            f"same totals and sums on both peers: {'yes' if agree else 'NO'}"
        )
        measure(args, ours, our_port, theirs, their_port, paths)
        return 0 if agree else 1
    finally:
        for server in servers:
            server.send_signal(signal.SIGINT)
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
