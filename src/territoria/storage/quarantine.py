"""Where a version keeps the rows validation refused: ``<slug>/v<N>/quarantine.parquet``."""

from __future__ import annotations

from pathlib import Path

from territoria.storage.layout import QUARANTINE_FILENAME, REPORT_FILENAME, resolve


def quarantine_file(version_dir: Path) -> Path:
    """The quarantine Parquet file of a version folder (staged or committed)."""
    return version_dir / QUARANTINE_FILENAME


def has_quarantine(version_dir: Path) -> bool:
    """Whether the version folder holds quarantined rows."""
    return quarantine_file(version_dir).is_file()


def quarantine_lake_path(relative: str) -> str:
    """The quarantine file's path relative to the lake root, for a version's lake path."""
    resolve(Path("."), relative)  # refuses malformed paths
    return f"{relative}/{QUARANTINE_FILENAME}"


def quarantine_files(root: Path, relative: str) -> tuple[Path, Path] | None:
    """The quarantine file and its report for a committed version, None when nothing was kept."""
    folder = resolve(root, relative)
    if not has_quarantine(folder):
        return None
    return quarantine_file(folder), folder / REPORT_FILENAME
