"""Names and relative paths of the lake: ``<slug>/v<N>/`` holding data, quarantine and report."""

from __future__ import annotations

import re
from pathlib import Path

from territoria.errors import InternalError

DATA_FILENAME = "data.parquet"
QUARANTINE_FILENAME = "quarantine.parquet"
REPORT_FILENAME = "report.json"
STAGING_DIRNAME = "lake-staging"
LOCKS_DIRNAME = "lake-locks"  # one <slug>.lock per dataset, held shared by its live writers

VERSION_DIR_PATTERN = re.compile(r"v([1-9][0-9]{0,8})")
LAKE_PATH_PATTERN = re.compile(r"([a-z0-9-]{1,100})/v([1-9][0-9]{0,8})")


def version_dirname(number: int) -> str:
    """Folder name of version ``number`` inside its dataset folder: ``v3``."""
    if number < 1:
        raise InternalError(f"version numbers start at 1, got {number}")
    return f"v{number}"


def lake_path(slug: str, number: int) -> str:
    """The path of a version relative to the lake root, as stored in the catalogue."""
    return f"{slug}/{version_dirname(number)}"


def parse_lake_path(relative: str) -> tuple[str, int]:
    """``(slug, number)`` of a relative lake path; refuses anything else (no ``..``, no ``/``)."""
    match = LAKE_PATH_PATTERN.fullmatch(relative)
    if match is None:
        raise InternalError(f"not a lake version path: {relative!r}")
    return match.group(1), int(match.group(2))


def resolve(root: Path, relative: str) -> Path:
    """The absolute folder of a version, after checking the relative path's shape."""
    slug, number = parse_lake_path(relative)
    return root / slug / version_dirname(number)
