"""Start-up recovery: erase what dead writers left (staging, scratch) and unknown lake folders."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
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
            if entry.is_dir():  # ignore_errors: a trash folder may be erased by two at once
                shutil.rmtree(entry, ignore_errors=True)
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


Referenced = set[str] | Callable[[], set[str]]


def recover(lake: Lake, referenced: Referenced) -> RecoveryReport:
    """Bring the lake back to what the catalogue references; referenced folders are never
    touched.

    ``referenced`` is the catalogue's lake paths, or better a function reading them: recovery
    then erases a dataset's unreferenced folders only while holding its writers lock
    exclusively, after reading the catalogue once more, so a version another process
    committed after the first reading is kept. Staging folders and scratch areas of live
    writers (their lock is held) and the versions of datasets with a live writer are left
    alone, so recovery may run while another process ingests. A folder removed here was never
    visible through the catalogue.
    """
    look = referenced if callable(referenced) else _fixed(referenced)
    report = RecoveryReport()
    _clean_staging(lake, report)
    _clean_scratch(lake, report)
    orphans: dict[str, list[str]] = {}
    for relative in sorted(lake.versions_on_disk() - look()):
        orphans.setdefault(parse_lake_path(relative)[0], []).append(relative)
    for slug, paths in orphans.items():
        if slug not in report.busy_slugs:
            _remove_orphans(lake, slug, paths, look, report)
    return report


def _fixed(paths: set[str]) -> Callable[[], set[str]]:
    return lambda: paths


def _remove_orphans(
    lake: Lake,
    slug: str,
    paths: list[str],
    look: Callable[[], set[str]],
    report: RecoveryReport,
) -> None:
    fd = acquire_lock(lake.writers_lock(slug), blocking=False)
    if fd is None:  # a live writer of this dataset, which may be about to commit
        report.busy_slugs.add(slug)
        return
    try:
        referenced = look()  # a writer may have committed since the first reading
        for relative in paths:
            if relative in referenced:
                continue
            logger.warning("removing lake folder %s: not referenced by the catalogue", relative)
            try:
                lake.remove_version(relative)
            except FileNotFoundError:  # another process's recovery got there first
                continue
            report.removed_versions.append(relative)
    finally:
        os.close(fd)
