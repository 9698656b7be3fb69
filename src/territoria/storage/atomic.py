"""The atomic commit of a version: write in staging, fsync, rename into the lake, fsync."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import uuid
from pathlib import Path
from types import TracebackType

from territoria.errors import InternalError, UserError
from territoria.storage.layout import (
    DATA_FILENAME,
    QUARANTINE_FILENAME,
    REPORT_FILENAME,
    version_dirname,
)
from territoria.storage.layout import lake_path as make_lake_path


class VersionConflictError(UserError):
    """Another writer committed the same version number first; retry with the next number."""

    code = "version-conflict"
    http_status = 409


def fsync_path(path: Path) -> None:
    """Flush a file or a folder (its entries) to stable storage."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """Flush every file, then every folder bottom-up, of ``folder``."""
    for current, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            fsync_path(Path(current) / name)
        for name in dirnames:
            fsync_path(Path(current) / name)
    fsync_path(folder)


def acquire_lock(path: Path, *, blocking: bool, shared: bool = False) -> int | None:
    """An fd holding a flock (exclusive, or ``shared``) on the file at ``path``, None if
    held elsewhere.

    The file is created if needed; a lock won on a file that another process unlinked
    meanwhile is retried, so a held lock always belongs to the file the path names.
    """
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
            fcntl.flock(fd, mode | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return None
        with contextlib.suppress(FileNotFoundError):  # lock file replaced meanwhile: retry
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        os.close(fd)


class StagedVersion:
    """A version being written in a private folder; invisible until :meth:`commit`.

    A live writer holds a flock on ``<folder>.lock`` so that recovery, run by another process,
    leaves it alone, and a shared flock on the dataset's ``writers_lock`` so that recovery
    erases none of the dataset's versions while the writer may still commit one (recovery
    takes it exclusively, then reads the catalogue again); the kernel drops both locks if the
    writer dies. Close it (or leave the ``with`` block) only after the metadata transaction
    has committed.
    """

    def __init__(
        self, root: Path, staging_dir: Path, slug: str, writers_lock: Path | None = None
    ) -> None:
        self.root = root
        self.slug = slug
        self.folder = staging_dir / f"{slug}.{uuid.uuid4().hex}"
        self.lock_path = self.folder.with_name(self.folder.name + ".lock")
        self.committed: str | None = None
        self._writers_fd = (
            acquire_lock(writers_lock, blocking=True, shared=True) if writers_lock else None
        )
        self._lock_fd = acquire_lock(self.lock_path, blocking=True)
        self.folder.mkdir()

    @property
    def data_path(self) -> Path:
        """Where the caller writes the version's Parquet data."""
        return self.folder / DATA_FILENAME

    @property
    def quarantine_path(self) -> Path:
        """Where the caller writes the refused rows, if any."""
        return self.folder / QUARANTINE_FILENAME

    @property
    def report_path(self) -> Path:
        """Where the caller writes the validation report (JSON)."""
        return self.folder / REPORT_FILENAME

    def commit(self, number: int) -> str:
        """Make the staged files version ``number``; returns its lake path for the catalogue."""
        if self.committed is not None or self._lock_fd is None:
            raise InternalError("a staged version commits once, before it is closed")
        if not self.data_path.is_file():
            raise InternalError(f"nothing to commit: {self.data_path} is missing")
        fsync_tree(self.folder)
        dataset_dir = self.root / self.slug
        if not dataset_dir.is_dir():
            dataset_dir.mkdir(parents=True, exist_ok=True)
            fsync_path(self.root)
        target = dataset_dir / version_dirname(number)
        try:
            if target.exists():
                raise FileExistsError(errno.EEXIST, "version exists", str(target))
            os.rename(self.folder, target)
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            raise VersionConflictError(
                f"La version {number} de « {self.slug} » existe déjà ; réessayez.",
                f"Version {number} of '{self.slug}' already exists; try again.",
                details={"slug": self.slug, "version": number},
            ) from error
        fsync_path(dataset_dir)
        fsync_path(self.folder.parent)
        self.committed = make_lake_path(self.slug, number)
        return self.committed

    def close(self) -> None:
        """Drop the staged files if not committed, then release the writer's lock."""
        if self._lock_fd is None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        self.lock_path.unlink(missing_ok=True)
        os.close(self._lock_fd)
        self._lock_fd = None
        if self._writers_fd is not None:
            os.close(self._writers_fd)
            self._writers_fd = None

    def __enter__(self) -> StagedVersion:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
