"""Scratch folders owned by a live process, so recovery can erase those a killed one left.

A reader's scratch files (a transcoded copy of a Windows-1252 CSV, rows spilled to Parquet)
can be as large as the source; a process killed mid-ingest never deletes them. Each ingest
therefore writes them into its own ``<tmp>/scratch/owned-<uuid>/`` and holds a flock on
``owned-<uuid>.lock`` while it lives, as a staged version does: once the kernel has released
the lock of a dead owner, :func:`storage.recovery.recover` erases the folder. Loose files of
``<tmp>/scratch`` (writers that own no area) are never touched: nobody can tell they are dead.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path
from types import TracebackType

from territoria.storage.atomic import acquire_lock

SCRATCH_DIRNAME = "scratch"
AREA_PATTERN = re.compile(r"owned-[0-9a-f]{32}")


class ScratchArea:
    """A private scratch folder under ``scratch_root``, live while its lock is held."""

    def __init__(self, scratch_root: Path) -> None:
        scratch_root.mkdir(parents=True, exist_ok=True)
        self.path = scratch_root / f"owned-{uuid.uuid4().hex}"
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock_fd: int | None = acquire_lock(self.lock_path, blocking=True)
        self.path.mkdir()

    def close(self) -> None:
        """Erase the folder, then release the lock (in that order: recovery may take over)."""
        if self._lock_fd is None:
            return
        shutil.rmtree(self.path, ignore_errors=True)
        self.lock_path.unlink(missing_ok=True)
        os.close(self._lock_fd)
        self._lock_fd = None

    def __enter__(self) -> ScratchArea:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
