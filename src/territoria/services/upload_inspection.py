"""What the upload wizard shows of a file before and beside its report: what was detected,
the columns with their inferred types, the first rows, and the rows an error concerns.

The file is read by the one reader (``ingest.open``) with the agent's reading options and
its schema inferred by the one inference (``services.tables.schema_for``), as validation and
ingestion read them; only the rows shown are fetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from territoria.config import Settings
from territoria.ingest.table import EXTRA_COLUMN, ROW_COLUMN, ReadOptions, cell_column
from territoria.services.tables import engine_connection, open_source, schema_for

FIRST_ROWS = 5
ROWS_SHOWN = 50  # rows of the preview around errors, at most


@dataclass
class PreviewRow:
    """A physical row of the file: its number and its cells, extra ones after the header's."""

    number: int
    cells: list[str | None]
    extra: list[str] = field(default_factory=list)


@dataclass
class Inspection:
    """What reading the file with the current options found."""

    detection: dict[str, Any]
    labels: list[str]
    fields: list[dict[str, Any]]  # the inferred schema's field descriptors
    rows: list[PreviewRow]


def _fetch(table: Any, con: Any, where: str | None, limit: int) -> list[PreviewRow]:
    columns = ", ".join([ROW_COLUMN, EXTRA_COLUMN] + [cell_column(i) for i in range(table.width)])

    def fetch() -> list[PreviewRow]:
        relation = table.relation(con)
        if where is not None:
            relation = relation.filter(where)
        found = relation.order(ROW_COLUMN).limit(limit).project(columns).fetchall()
        return [PreviewRow(int(row[0]), list(row[2:]), list(row[1] or [])) for row in found]

    rows: list[PreviewRow] = table.attempt(fetch)
    return rows


def inspect_file(path: Path, options: ReadOptions, settings: Settings) -> Inspection:
    """Detection, inferred columns and first rows of ``path`` (an unreadable file raises
    its :class:`~territoria.errors.UserError`)."""
    table = open_source(path, options, settings)
    try:
        con = engine_connection(settings)
        try:
            schema = schema_for(table, None, con)
            rows = _fetch(table, con, None, FIRST_ROWS)
        finally:
            con.close()
    finally:
        table.close()
    fields = [f.to_dict() for f in schema.fields]
    return Inspection(table.detection.to_dict(), list(table.labels), fields, rows)


def rows_at(
    path: Path, options: ReadOptions, settings: Settings, numbers: Iterable[int]
) -> list[PreviewRow]:
    """The rows of ``path`` numbered ``numbers`` (physical rows, header = 1), in file order,
    :data:`ROWS_SHOWN` at most."""
    wanted = sorted({int(n) for n in numbers})[:ROWS_SHOWN]
    if not wanted:
        return []
    table = open_source(path, options, settings)
    try:
        con = engine_connection(settings)
        try:
            listed = ", ".join(str(n) for n in wanted)
            return _fetch(table, con, f"{ROW_COLUMN} IN ({listed})", ROWS_SHOWN)
        finally:
            con.close()
    finally:
        table.close()
