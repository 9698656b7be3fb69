"""``territoria … | head``: the reader closing the pipe early ends the command quietly, never
with an "internal error" (a real process, a real pipe)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SCRIPT = Path(sys.executable).parent / "territoria"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "territoria.cli.main"]


def test_a_reader_that_goes_away_is_not_an_internal_error(tmp_path: Path) -> None:
    env = {**os.environ, "TERRITORIA_HOME": str(tmp_path / "home"), "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen(
        [*COMMAND, "validate", str(SAMPLES / "*" / "*.csv"), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(64)  # like `head -c 64`, then the reader leaves
    process.stdout.close()
    errors = process.stderr.read().decode("utf-8")
    process.stderr.close()
    code = process.wait(timeout=120)
    assert first.startswith(b'{"path"')
    assert "Internal error" not in errors and "Traceback" not in errors, errors
    assert code == 141, errors
