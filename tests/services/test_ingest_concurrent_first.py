"""Two first ingests of one new dataset at once: both become versions, none is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
FILES = (
    SAMPLES / "eau" / "fontaines-a-boire-paris-2021.csv",
    SAMPLES / "dechets" / "trilib-paris-2018.csv",
)


def _cli(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "territoria.cli.main", "--home", str(home), *args]


@pytest.mark.slow
def test_concurrent_first_ingests_of_one_slug_both_land(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "TERRITORIA_HOME": str(home)}
    subprocess.run(_cli(home, "init"), check=True, capture_output=True, env=env, timeout=120)
    for attempt in range(3):  # the race needs both past the "does it exist?" read at once
        slug = f"course-{attempt}"
        runs = [
            subprocess.Popen(
                _cli(home, "ingest", str(path), "--dataset", slug, "--quarantine"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for path in FILES
        ]
        outcomes = [(run.wait(timeout=300), *run.communicate()) for run in runs]
        for code, _out, err in outcomes:
            assert code == 0, err
            assert "Traceback" not in err
        listed = subprocess.run(
            _cli(home, "datasets", "versions", slug, "--format", "json"),
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        versions = json.loads(listed.stdout)
        assert sorted(v["number"] for v in versions) == [1, 2]
        assert {v["sourceFilename"] for v in versions} == {path.name for path in FILES}
