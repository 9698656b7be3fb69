"""Crash safety of the real ``territoria datasets rollback``: SIGKILLed after the rename into
the lake or inside the metadata commit, it leaves either no new version or a whole one, and
the restored version's files — hard-linked into the new folder — are never harmed when
recovery erases an uncommitted folder."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from territoria.storage.phases import MARKER, PAUSE_VARIABLE, Phase

pytestmark = pytest.mark.slow  # real processes, killed

ROWS = 20_000


def _env(pause_at: Phase | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TERRITORIA_")}
    if pause_at is not None:
        env[PAUSE_VARIABLE] = pause_at
    return env


def _command(home: Path, *args: str | Path) -> list[str]:
    return [sys.executable, "-m", "territoria.cli.main", "--home", str(home), *map(str, args)]


def _run(home: Path, *args: str | Path) -> bytes:
    done = subprocess.run(_command(home, *args), env=_env(), capture_output=True)
    assert done.returncode == 0, (args, done.stderr.decode())
    return done.stdout


def _versions(home: Path) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = json.loads(_run(home, "datasets", "versions", "d", "--json"))
    return listed


def _digest(home: Path, number: int) -> str:
    data = _run(home, "export", "d", "--format", "csv", "--version", str(number))
    return hashlib.sha256(data).hexdigest()


def _lake_files(home: Path) -> set[str]:
    lake = home / "lake"
    return {str(p.relative_to(lake)) for p in lake.rglob("*") if p.is_file()}


def _two_versions(home: Path) -> None:
    """Versions 1 and 2 of dataset ``d``, ingested by the real command; version 1's export
    digest beside the home."""
    _run(home, "init")
    for number in (1, 2):
        source = home.parent / f"v{number}.csv"
        rows = "".join(f"{i},{i * number}\n" for i in range(ROWS))
        source.write_text("id,valeur\n" + rows, encoding="utf-8")
        _run(home, "ingest", source, "--dataset", "d")
    (home.parent / "v1.sha256").write_text(_digest(home, 1), encoding="utf-8")


@pytest.mark.parametrize("phase", ["renamed", "committing"])
def test_rollback_killed_leaves_whole_versions_only(
    instance_copy: Callable[[str, Callable[[Path], object]], Path], phase: Phase
) -> None:
    home = instance_copy("rollback-two-versions", _two_versions)  # built once per run
    first = (home.parent / "v1.sha256").read_text(encoding="utf-8")
    files = _lake_files(home)

    with subprocess.Popen(
        _command(home, "datasets", "rollback", "d", "--to", "1"),
        env=_env(phase),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as writer:
        try:
            assert writer.stderr is not None
            seen = []  # what the writer said before pausing (a marker, or why it did not)
            while not (seen and seen[-1].startswith(MARKER)) and (line := writer.stderr.readline()):
                seen.append(line)
            assert seen and seen[-1].startswith(f"{MARKER}:{phase}"), "".join(seen)
            assert (home / "lake" / "d" / "v3" / "data.parquet").is_file()  # renamed only
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()

    assert [v["number"] for v in _versions(home)] == [1, 2]  # the next command recovers
    assert _lake_files(home) == files and _digest(home, 1) == first
    assert not list((home / "tmp" / "lake-staging").iterdir())
    _run(home, "datasets", "rollback", "d", "--to", "1")
    assert [(v["number"], v["rolledBackFrom"]) for v in _versions(home)][-1] == (3, 1)
    assert _digest(home, 3) == first and _digest(home, 1) == first
