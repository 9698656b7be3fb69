"""Shared helpers: read a CSV the way Territoria does and validate it with frictionless too."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions
from territoria.schemas import load_schema
from territoria.validation import Report, validate

Triple = tuple[str, int | None, str | None]


def ours(path: Path, descriptor: dict[str, Any], scratch: Path, **options: Any) -> Report:
    """Territoria's report for a CSV file and a schema descriptor."""
    table = read_csv(path, ReadOptions(**options), scratch_dir=scratch, limits=ReaderLimits())
    try:
        return validate(table, load_schema(descriptor), limit_errors=100_000)
    finally:
        table.close()


def frictionless_triples(path: Path, descriptor: dict[str, Any], delimiter: str) -> list[Triple]:
    """frictionless' ``(type, rowNumber, fieldName)`` triples for the same file and schema."""
    return [triple for triple, _ in frictionless_placed(path, descriptor, delimiter)]


def frictionless_placed(
    path: Path, descriptor: dict[str, Any], delimiter: str
) -> list[tuple[Triple, int | None]]:
    """frictionless' triples, each with its error's ``fieldNumber`` (None for a row error)."""
    import frictionless

    keep = ("fields", "missingValues", "primaryKey", "fieldsMatch")
    schema = frictionless.Schema.from_descriptor({k: v for k, v in descriptor.items() if k in keep})
    control = frictionless.formats.CsvControl(delimiter=delimiter)
    resource = frictionless.Resource(
        path=path.name,
        basepath=str(path.parent),
        schema=schema,
        dialect=frictionless.Dialect(controls=[control]),
        format="csv",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(resource, limit_errors=100_000)
    placed: list[tuple[Triple, int | None]] = []
    for error in report.tasks[0].errors:
        row = getattr(error, "row_number", None)
        name = getattr(error, "field_name", None) or None
        placed.append(((error.type, row, name), getattr(error, "field_number", None)))
    return placed
