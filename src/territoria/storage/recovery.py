"""Start-up recovery: erase what dead writers left (staging, scratch) and unknown lake folders."""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from territoria.storage.atomic import acquire_lock
from territoria.storage.lake import Lake
from territoria.storage.layout import parse_lake_path
from territoria.storage.scratch import AREA_PATTERN

logger = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    """What recovery erased, and which live writers it left alone."""

    removed_staging: list[str] = field(default_factory=list)
    removed_scratch: list[str] = field(default_factory=list)
    removed_versions: list[str] = field(default_factory=list)
    busy_slugs: set[str] = field(default_factory=set)


def _clean_owned(root: Path, names: set[str]) -> tuple[list[str], list[str]]:
    """Erase the entries ``names`` of ``root`` whose ``<name>.lock`` no live process holds;
    returns the names removed and the names busy."""
    removed: list[str] = []
    busy: list[str] = []
    for name in sorted(names):
        entry = root / name
        lock_path = root / f"{name}.lock"
        fd = acquire_lock(lock_path, blocking=False)
        if fd is None:  # a live writer
            busy.append(name)
            continue
        try:
            if entry.is_dir():
                shutil.rmtree(entry)
            elif entry.exists():
                entry.unlink()
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(fd)
        removed.append(name)
    return removed, busy


def _clean_staging(lake: Lake, report: RecoveryReport) -> None:
    names = {entry.name.removesuffix(".lock") for entry in lake.staging_dir.iterdir()}
    report.removed_staging, busy = _clean_owned(lake.staging_dir, names)
    report.busy_slugs.update(name.split(".", 1)[0] for name in busy)


def _clean_scratch(lake: Lake, report: RecoveryReport) -> None:
    if not lake.scratch_dir.is_dir():
        return
    names = {entry.name.removesuffix(".lock") for entry in lake.scratch_dir.iterdir()}
    owned = {name for name in names if AREA_PATTERN.fullmatch(name)}
    report.removed_scratch, _busy = _clean_owned(lake.scratch_dir, owned)


def recover(lake: Lake, referenced: set[str]) -> RecoveryReport:
    """Bring the lake back to what the catalogue references; ``referenced`` is never touched.

    Staging folders and scratch areas of live writers (their lock is held) and unreferenced
    versions of the datasets those writers are committing are left alone, so recovery may run
    while another process ingests. A folder removed here was never visible through the
    catalogue.
    """
    report = RecoveryReport()
    _clean_staging(lake, report)
    _clean_scratch(lake, report)
    for relative in sorted(lake.versions_on_disk() - referenced):
        slug, _number = parse_lake_path(relative)
        if slug in report.busy_slugs:
            continue
        logger.warning("removing lake folder %s: not referenced by the catalogue", relative)
        lake.remove_version(relative)
        report.removed_versions.append(relative)
    return report
