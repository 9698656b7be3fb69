"""The real ``territoria`` process: demo, and an ingest killed (SIGKILL) while it writes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def _run(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=ENV, timeout=300)


def test_demo_runs_and_lists_datasets(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "territoria.cli.main", "demo", "--no-serve"]
    env = {key: value for key, value in ENV.items() if key != "TERRITORIA_HOME"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "trilib-paris" in done.stdout and "subventions-haute-garonne" in done.stdout
    listed = _run(tmp_path / "var" / "demo", "datasets", "list", "--json")
    datasets = {entry["slug"]: entry for entry in json.loads(listed.stdout)}
    assert len(datasets) >= 8
    # each pack dataset is credited to the producer its sample's SOURCE.md names
    publishers = {slug: entry["organisation"] for slug, entry in datasets.items()}
    assert publishers["dechets-sinoe"] == "385290309"  # ADEME
    assert publishers["dechets-points-apport"] == "217500016"  # Ville de Paris
    assert publishers["tourisme-hebergements"] == "340709211"  # Atout France
    assert publishers["securite-ssmsi"] == "110014016"  # Ministère de l'Intérieur


def test_demo_goes_where_home_says(tmp_path: Path) -> None:
    home = tmp_path / "ailleurs"
    done = _run(home, "demo", "--no-serve", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "var").exists()
    listed = _run(home, "datasets", "list", "--format", "json")
    assert len(json.loads(listed.stdout)) >= 8
    assert f"--home {home} export" in done.stdout


def _big_csv(path: Path, rows: int, tag: str) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id,commune,valeur\n")
        for i in range(rows):
            stream.write(f"{i},{tag}-{i % 997},{i * 3}\n")


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_previous_version(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _run(home, "init").returncode == 0
    first = tmp_path / "v1.csv"
    _big_csv(first, 1000, "a")
    assert _run(home, "ingest", str(first), "--dataset", "big").returncode == 0
    big = tmp_path / "v2.csv"
    _big_csv(big, 300_000, "b")
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home)]
    process = subprocess.Popen([*command, "ingest", str(big), "--dataset", "big"], env=ENV)
    time.sleep(random.uniform(0.5, 3.0))
    process.send_signal(signal.SIGKILL)
    process.wait()
    listed = _run(home, "datasets", "versions", "big", "--json")
    assert listed.returncode == 0, listed.stderr
    versions = json.loads(listed.stdout)
    assert versions[0]["number"] == 1 and versions[0]["rows"] == 1000
    for version in versions:  # v2 is there only if the kill came after the commit: then whole
        data = home / "lake" / version["lakePath"] / "data.parquet"
        count = duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [str(data)])
        assert count.fetchone() == (version["rows"],)
    assert len(versions) == 1 or versions[1]["rows"] == 300_000
    exported = _run(home, "export", "big", "--format", "csv", "--version", "1")
    assert exported.returncode == 0 and len(exported.stdout.splitlines()) == 1001
    staging = home / "tmp" / "lake-staging"
    assert not [p for p in staging.iterdir() if not p.name.startswith(".")]
