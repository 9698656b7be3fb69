"""Crash safety: a writer SIGKILLed anywhere in a commit never leaves half a version visible."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from territoria.catalog import repository as repo
from territoria.catalog.database import make_engine, session_factory
from territoria.storage.lake import Lake
from territoria.storage.recovery import recover

WRITER = Path(__file__).with_name("crash_writer.py")
V1_ROWS, V2_ROWS = 1_000, 2_000_000
V1_SHA, V2_SHA = "a" * 64, "b" * 64
PAUSE_POINTS = ["started", "staged", "writing", "written", "renamed", "flushed", "committed"]
RANDOM_KILLS = 5

pytestmark = pytest.mark.slow


def _run(home: Path, rows: int, sha: str, pause_at: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "CRASH_PAUSE_AT": pause_at or ""}
    command = [sys.executable, str(WRITER), str(home), str(rows), sha]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def _wait_for(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for received in process.stdout:
        if received.strip() == line:
            return
    raise AssertionError(f"writer exited (code {process.wait()}) before printing {line!r}")


def _complete(home: Path, rows: int, sha: str) -> float:
    start = time.monotonic()
    with _run(home, rows, sha) as process:
        _wait_for(process, "step:started")
        start = time.monotonic()
        assert process.stdout is not None
        output = process.stdout.read()
        assert process.wait() == 0 and ("done" in output or "dedup" in output), output
    return time.monotonic() - start


def _check_consistent(home: Path) -> bool:
    """Recover as a restarting service would, then check v1 and all-or-nothing v2."""
    lake = Lake(home / "lake", home / "tmp")
    engine = make_engine(f"sqlite:///{home / 'territoria.db'}")
    with session_factory(engine)() as session:
        recover(lake, repo.referenced_lake_paths(session))
        versions = {v.number: v for v in repo.list_versions(session, "crash")}
    engine.dispose()
    assert list(lake.staging_dir.iterdir()) == []
    v1 = pq.read_table(lake.data_file(versions[1].lake_path))
    assert v1.num_rows == V1_ROWS and pc.sum(v1["n"]).as_py() == V1_ROWS * (V1_ROWS - 1) // 2
    v2_in_catalog, v2_on_disk = 2 in versions, "crash/v2" in lake.versions_on_disk()
    assert v2_in_catalog == v2_on_disk, (v2_in_catalog, v2_on_disk)
    if v2_in_catalog:
        v2 = pq.read_table(lake.data_file(versions[2].lake_path))
        assert v2.num_rows == versions[2].row_count == V2_ROWS
    assert set(versions) <= {1, 2}
    return v2_in_catalog


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An instance whose version 1 was fully committed by a writer process."""
    home = tmp_path_factory.mktemp("template")
    _complete(home, V1_ROWS, V1_SHA)
    return home


def _kill_and_check(home: Path, process: subprocess.Popen[str]) -> bool:
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    steps = [line.strip() for line in process.stdout if line.startswith("step:")]
    process.stdout.close()
    print(f"killed after {steps[-1] if steps else 'step:started'}")
    committed = _check_consistent(home)
    _complete(home, V2_ROWS, V2_SHA)  # the instance keeps working after recovery
    assert _check_consistent(home) is True
    return committed


@pytest.mark.parametrize("pause_at", PAUSE_POINTS)
def test_kill_at_each_step(template: Path, tmp_path: Path, pause_at: str) -> None:
    home = tmp_path / "home"
    shutil.copytree(template, home)
    process = _run(home, V2_ROWS, V2_SHA, pause_at)
    _wait_for(process, f"pause:{pause_at}")
    committed = _kill_and_check(home, process)
    assert committed is (pause_at == "committed")


def test_kill_after_random_delays(template: Path, tmp_path: Path) -> None:
    calibration = tmp_path / "calibration"
    shutil.copytree(template, calibration)
    duration = _complete(calibration, V2_ROWS, V2_SHA)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    for attempt in range(RANDOM_KILLS):
        home = tmp_path / f"home-{attempt}"
        shutil.copytree(template, home)
        process = _run(home, V2_ROWS, V2_SHA)
        _wait_for(process, "step:started")
        time.sleep(rng.uniform(0, duration * 0.9))
        try:
            _kill_and_check(home, process)
        except AssertionError as error:
            raise AssertionError(f"seed {seed}, attempt {attempt}: {error}") from error
