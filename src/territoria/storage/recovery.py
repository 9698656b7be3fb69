"""Start-up recovery: erase staging leftovers and lake folders the catalogue does not know."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field

from territoria.storage.atomic import acquire_lock
from territoria.storage.lake import Lake
from territoria.storage.layout import parse_lake_path

logger = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    """What recovery erased, and which live writers it left alone."""

    removed_staging: list[str] = field(default_factory=list)
    removed_versions: list[str] = field(default_factory=list)
    busy_slugs: set[str] = field(default_factory=set)


def _clean_staging(lake: Lake, report: RecoveryReport) -> None:
    names = {entry.name.removesuffix(".lock") for entry in lake.staging_dir.iterdir()}
    for name in sorted(names):
        folder = lake.staging_dir / name
        lock_path = lake.staging_dir / f"{name}.lock"
        fd = acquire_lock(lock_path, blocking=False)
        if fd is None:  # a live writer
            report.busy_slugs.add(name.split(".", 1)[0])
            continue
        try:
            if folder.is_dir():
                shutil.rmtree(folder)
            elif folder.exists():
                folder.unlink()
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(fd)
        report.removed_staging.append(name)


def recover(lake: Lake, referenced: set[str]) -> RecoveryReport:
    """Bring the lake back to what the catalogue references; ``referenced`` is never touched.

    Staging folders of live writers (their lock is held) and unreferenced versions of the
    datasets those writers are committing are left alone, so recovery may run while another
    process ingests. A folder removed here was never visible through the catalogue.
    """
    report = RecoveryReport()
    _clean_staging(lake, report)
    for relative in sorted(lake.versions_on_disk() - referenced):
        slug, _number = parse_lake_path(relative)
        if slug in report.busy_slugs:
            continue
        logger.warning("removing lake folder %s: not referenced by the catalogue", relative)
        lake.remove_version(relative)
        report.removed_versions.append(relative)
    return report
