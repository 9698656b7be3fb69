"""The serving benchmark runs end to end on a small dataset and prints its ratios."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "api_vs_datasette.py"


@pytest.mark.slow  # two servers, two loads of 20,000 rows, four scenarios (~1 min)
def test_benchmark_completes_and_prints_ratios() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--rows", "20000", "--seconds", "1", "--connections", "4"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "same totals and sums on both peers: yes" in run.stdout
    for scenario in ("(a)", "(b)", "(c)", "(d)"):
        line = next(ln for ln in run.stdout.splitlines() if ln.startswith(scenario))
        assert re.search(r"\d+\.\d\dx", line), line
    assert re.search(r"peak RSS: Territoria \d+ MB", run.stdout)
