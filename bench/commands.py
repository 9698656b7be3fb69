"""Running the validators as commands: the venv's console scripts, timed in wall and CPU seconds.

Both commands run with Python's bytecode cache on, kept outside the tree
(``PYTHONPYCACHEPREFIX``): frictionless' modules were compiled when pip installed them, ours
would be compiled on first use by any installation, but an environment with
``PYTHONDONTWRITEBYTECODE`` set recompiles our ~100 modules on every start (about 0.1 s of CPU).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "territoria-bench-pycache"),
}


@dataclass
class Timing:
    """Wall seconds and CPU seconds (user + sys of the command and the children it waited
    for): on a shared machine the CPU figure moves less than the wall one."""

    wall: float = 0.0
    cpu: float = 0.0

    def __iadd__(self, other: Timing) -> Timing:
        self.wall += other.wall
        self.cpu += other.cpu
        return self


def command(name: str) -> str:
    """The venv's console script ``name``, else the one on PATH."""
    local = BIN / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def run_command(args: list[str], cwd: Path) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    """Run one command in ``cwd``, timed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu), done


def timed(args: list[str], cwd: Path) -> tuple[Timing, str]:
    """Timing and stdout of one validation command (exit status 1, "invalid", is expected)."""
    timing, done = run_command(args, cwd)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return timing, done.stdout


def warm_up() -> None:
    """Fill the bytecode cache once, untimed, as a first run after installing would (with a
    prefix, Python looks for bytecode there only, so frictionless' modules are cached too)."""
    code = "import territoria.cli.main, territoria.services.validating, frictionless"
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
