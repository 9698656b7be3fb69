"""Validate a file against a schema (named, given or inferred) without storing anything."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.tables import (
    SchemaRef,
    engine_connection,
    open_source,
    schema_for,
    scratch_settings,
)
from territoria.validation.report import Report
from territoria.validation.validator import validate

Progress = Callable[[str], None]
CHUNK = 1024 * 1024


def _silent(_step: str) -> None:
    return None


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def validate_file(
    path: Path,
    schema_ref: SchemaRef | None,
    options: ReadOptions,
    settings: Settings,
    lang: str = "fr",
    progress: Progress = _silent,
) -> Report:
    """The validation report of ``path``; no schema means a schema inferred from the file.

    ``lang`` is kept for callers that render right away; the report holds both languages.
    """
    del lang
    with scratch_settings(settings) as scratch:
        progress("lecture / reading")
        table = open_source(path, options, scratch)
        try:
            con = engine_connection(scratch)
            try:
                schema = schema_for(table, schema_ref, con)
                progress("validation / validating")
                report = validate(table, schema, limit_errors=settings.error_list_limit, con=con)
            finally:
                con.close()
        finally:
            table.close()
    report.detection = table.detection.to_dict()
    return report


def infer_file_schema(path: Path, options: ReadOptions, settings: Settings) -> dict[str, Any]:
    """The Table Schema descriptor inferred from ``path``."""
    with scratch_settings(settings) as scratch:
        table = open_source(path, options, scratch)
        try:
            con = engine_connection(scratch)
            try:
                return schema_for(table, None, con).to_dict()
            finally:
                con.close()
        finally:
            table.close()
