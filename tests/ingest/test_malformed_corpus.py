"""Every malformed or hostile file is read or refused cleanly by the real command line.

The corpus of :mod:`tests.ingest.hostile_files` goes through ``territoria validate`` and
``territoria ingest`` as separate processes, against an instance whose dataset already has a
version. Each run must end with exit 0, 1 or 2 (never 3, never a traceback), within 10 s of CPU and
500 MB of memory, and never hang (killed after a minute of wall time: the machine running the
suite is shared, so wall time says little and CPU time is what the file costs); a refusal
names the file in French and in English. Afterwards, the version
that existed is exported again and must be byte for byte what it was.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_files import CASES, CSV, Case, build_corpus

pytestmark = pytest.mark.slow

CPU_LIMIT_S = 10.0
RSS_LIMIT_KB = 500 * 1024
KILL_AFTER_S = 60.0
WORKERS = 3
DATASET = "cible"
TERRITORIA = Path(sys.executable).with_name("territoria")


@dataclass(frozen=True)
class Run:
    """How one command ended: exit code, output, wall time and peak resident memory."""

    command: str
    code: int | None  # None: killed after KILL_AFTER_S
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float
    max_rss_kb: int


LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as metrics:
    metrics.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""
"""Runs the command as a grandchild and reports its CPU and peak RSS. Measured on a direct
child, the peak counts the pytest worker's own memory: Linux keeps, across ``exec``, the
resident size the child had as a fork of its parent (hundreds of MB in a late worker)."""


def run(home: Path, scratch: Path, *args: str) -> Run:
    """``territoria --home HOME ARGS`` in its own process; its own CPU time and peak RSS."""
    scratch.mkdir(parents=True, exist_ok=True)
    out_path, err_path = scratch / "stdout", scratch / "stderr"
    metrics_path = scratch / "metrics"
    metrics_path.unlink(missing_ok=True)
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    command = [str(TERRITORIA), "--home", str(home), *args]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(metrics_path), *command],
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        try:
            code: int | None = process.wait(timeout=KILL_AFTER_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)  # the launcher and the command under it
            process.wait()
            code = None
        seconds = time.monotonic() - start
    cpu, rss = (0.0, 0)
    if metrics_path.exists():
        cpu_text, rss_text = metrics_path.read_text().split()
        cpu, rss = float(cpu_text), int(rss_text)
    return Run(
        " ".join(args[:1]),
        code,
        out_path.read_text(errors="replace"),
        err_path.read_text(errors="replace"),
        seconds,
        cpu,
        rss,
    )


def lake_digests(home: Path) -> dict[str, str]:
    """SHA-256 of every file of the lake, by path relative to the instance."""
    return {
        str(path.relative_to(home)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((home / "lake").rglob("*"))
        if path.is_file()
    }


@dataclass
class Outcome:
    """The instance the corpus was thrown at, and how each case fared in each command."""

    home: Path
    before_export: bytes
    before_lake: dict[str, str]
    runs: dict[tuple[str, str], Run]
    scratch: Path


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    root = tmp_path_factory.mktemp("hostile")
    home = root / "instance"
    scratch = root / "runs"
    first = root / "premiere.csv"
    first.write_bytes(CSV)
    for args in (("init",), ("ingest", str(first), "--dataset", DATASET)):
        setup = run(home, scratch / "setup", *args)
        assert setup.code == 0, setup.stderr
    export = root / "before.csv"
    done = run(
        home,
        scratch / "export",
        "export",
        DATASET,
        "--format",
        "csv",
        "--version",
        "1",
        "-o",
        str(export),
    )
    assert done.code == 0, done.stderr
    before_lake = lake_digests(home)
    built = build_corpus(root / "corpus")
    jobs = []
    for case, path in built:
        jobs.append((case.name, "validate", ("validate", str(path))))
        jobs.append((case.name, "ingest", ("ingest", str(path), "--dataset", DATASET)))
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {
            (name, command): pool.submit(run, home, scratch / f"{name}.{command}", *args)
            for name, command, args in jobs
        }
        runs = {key: future.result() for key, future in futures.items()}
    return Outcome(home, export.read_bytes(), before_lake, runs, root)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("command", ["validate", "ingest"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file_is_read_or_refused_cleanly(
    outcome: Outcome, case: Case, command: str
) -> None:
    result = outcome.runs[(case.name, command)]
    shown = (
        f"exit {result.code}, {result.cpu_seconds:.1f} s CPU, {result.seconds:.1f} s\n"
        f"{result.stderr[-3000:]}"
    )
    assert result.code is not None, f"still running after {KILL_AFTER_S} s"
    assert result.code in {0, 1, 2}, shown
    assert "Traceback" not in result.stderr + result.stdout, shown
    for marker in ("Erreur interne", "Internal error"):
        assert marker not in result.stderr, shown
    assert result.code in case.expected, shown
    if result.code == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert any(line.startswith("Erreur") for line in lines), shown
        assert any(line.startswith("Error") for line in lines), shown
        assert case.name in result.stderr, shown
        if case.line is not None:
            assert f"ligne/line {case.line}" in result.stderr, shown
    assert result.cpu_seconds < CPU_LIMIT_S, shown
    assert result.max_rss_kb < RSS_LIMIT_KB, f"{result.max_rss_kb // 1024} MB\n{shown}"


def test_existing_version_is_untouched(outcome: Outcome) -> None:
    after = outcome.scratch / "after.csv"
    done = run(
        outcome.home,
        outcome.scratch / "export-after",
        "export",
        DATASET,
        "--format",
        "csv",
        "--version",
        "1",
        "-o",
        str(after),
    )
    assert done.code == 0, done.stderr
    assert after.read_bytes() == outcome.before_export
    lake = lake_digests(outcome.home)
    assert {path: lake.get(path) for path in outcome.before_lake} == outcome.before_lake
