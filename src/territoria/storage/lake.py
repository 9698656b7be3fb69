"""The Parquet lake: immutable version folders ``<root>/<slug>/v<N>/`` and their staging area."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from territoria.catalog.slugs import SLUG_PATTERN, validate_slug
from territoria.errors import InternalError
from territoria.storage.atomic import StagedVersion, fsync_path
from territoria.storage.layout import (
    DATA_FILENAME,
    LOCKS_DIRNAME,
    REPORT_FILENAME,
    STAGING_DIRNAME,
    VERSION_DIR_PATTERN,
    resolve,
    version_dirname,
)
from territoria.storage.scratch import SCRATCH_DIRNAME, ScratchArea


class Lake:
    """Folders of committed versions under ``root``; writes are staged in ``tmp_dir``.

    Staging lives in ``tmp_dir/lake-staging``, which must be on the same filesystem as
    ``root`` for ``os.rename``; a process's scratch files live in an area of
    ``tmp_dir/scratch``; ``tmp_dir/lake-locks`` holds one writers lock per dataset. Recovery
    cleans only the first two subfolders of ``tmp_dir``.
    """

    def __init__(self, root: Path, tmp_dir: Path) -> None:
        self.root = root
        self.staging_dir = tmp_dir / STAGING_DIRNAME
        self.scratch_dir = tmp_dir / SCRATCH_DIRNAME
        self.locks_dir = tmp_dir / LOCKS_DIRNAME
        self.root.mkdir(parents=True, exist_ok=True)
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        self.locks_dir.mkdir(exist_ok=True)
        if os.stat(self.root).st_dev != os.stat(self.staging_dir).st_dev:
            raise InternalError(
                f"lake {self.root} and temporary folder {tmp_dir} must share one filesystem"
            )

    def stage(self, slug: str) -> StagedVersion:
        """A fresh private folder to write the next version of ``slug`` into."""
        validate_slug(slug)
        return StagedVersion(self.root, self.staging_dir, slug, self.writers_lock(slug))

    def writers_lock(self, slug: str) -> Path:
        """The lock file a dataset's live writers hold shared, and recovery exclusively."""
        return self.locks_dir / f"{validate_slug(slug)}.lock"

    def scratch(self) -> ScratchArea:
        """A private scratch folder for this process, erased by recovery should it die."""
        return ScratchArea(self.scratch_dir)

    def version_dir(self, lake_path: str) -> Path:
        """The folder of a committed version, from its catalogue ``lake_path``."""
        return resolve(self.root, lake_path)

    def data_file(self, lake_path: str) -> Path:
        """The Parquet data file of a committed version."""
        return self.version_dir(lake_path) / DATA_FILENAME

    def report_file(self, lake_path: str) -> Path:
        """The JSON validation report of a committed version (may not exist)."""
        return self.version_dir(lake_path) / REPORT_FILENAME

    def exists(self, slug: str, number: int) -> bool:
        """Whether version ``number`` of ``slug`` has a folder in the lake."""
        return (self.root / validate_slug(slug) / version_dirname(number)).is_dir()

    def versions_on_disk(self) -> set[str]:
        """Lake paths (``slug/vN``) of every version folder present on disk."""
        found: set[str] = set()
        for dataset_dir in self.root.iterdir():
            if not dataset_dir.is_dir() or not SLUG_PATTERN.fullmatch(dataset_dir.name):
                continue  # not ours: recovery leaves it alone
            for child in dataset_dir.iterdir():
                if child.is_dir() and VERSION_DIR_PATTERN.fullmatch(child.name):
                    found.add(f"{dataset_dir.name}/{child.name}")
        return found

    def remove_version(self, lake_path: str) -> None:
        """Delete a version folder atomically: renamed out of the lake first, then erased.

        Used to roll back a commit whose metadata transaction failed, and by recovery.
        """
        folder = self.version_dir(lake_path)
        trash = self.staging_dir / f"~trash.{uuid.uuid4().hex}"
        os.rename(folder, trash)
        fsync_path(folder.parent)
        shutil.rmtree(trash, ignore_errors=True)  # recovery finishes the job after a crash
