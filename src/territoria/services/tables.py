"""Shared steps of validation and ingestion: open the file, then load or infer its schema."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from territoria.config import Settings
from territoria.engine.connection import connect
from territoria.ingest.open import open_table
from territoria.ingest.table import (
    ROW_COLUMN,
    ReadOptions,
    SourceTable,
    cell_column,
)
from territoria.schemas.inference import infer_schema
from territoria.schemas.loader import load_schema
from territoria.schemas.model import Schema

SAMPLE_ROWS = 10_000
SAMPLE_CELLS = 2_000_000  # bounds the sample's memory on very wide tables
MIN_SAMPLE_ROWS = 100
SchemaRef = str | Path | dict[str, Any]


def engine_connection(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection bounded by the instance's memory, threads and spill folder."""
    return connect(
        memory_limit=settings.memory_limit,
        threads=settings.threads,
        temp_dir=settings.tmp_dir / "duckdb",
    )


def sample_rows(
    table: SourceTable, con: duckdb.DuckDBPyConnection, size: int = SAMPLE_ROWS
) -> Iterator[list[str | None]]:
    """The first data rows as lists of cell texts: ``size`` of them, fewer for a table so
    wide that ``size`` rows would hold more than :data:`SAMPLE_CELLS` cells.

    An ordered reading streams them and stops (the numbered one would scan the whole file
    to number it); should the engine refuse the file in those rows, the table takes its
    fallback (see :meth:`SourceTable.attempt`).
    """
    if not table.width:
        return
    size = min(size, max(MIN_SAMPLE_ROWS, SAMPLE_CELLS // table.width))
    columns = ", ".join(cell_column(i) for i in range(table.width))

    def fetch() -> list[list[str | None]]:
        if table.ordered is not None:
            rows = table.ordered(con).limit(size).project(columns).fetchall()
            empty = "" if table.empty_as_null else None  # what a NULL cell stands for
            return [[empty if cell is None else cell for cell in row] for row in rows]
        relation = table.relation(con).order(ROW_COLUMN).limit(size).project(columns)
        return [list(row) for row in relation.fetchall()]

    yield from table.attempt(fetch)


def schema_for(table: SourceTable, ref: SchemaRef | None, con: duckdb.DuckDBPyConnection) -> Schema:
    """The schema named by ``ref``, or one inferred from the table's first rows."""
    if ref is not None:
        return load_schema(ref)
    return infer_schema(table.labels, sample_rows(table, con))


def open_source(path: Path, options: ReadOptions, settings: Settings) -> SourceTable:
    """The table in ``path`` (scratch files under the instance's tmp folder)."""
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    return open_table(path, options, settings)


@contextmanager
def scratch_settings(settings: Settings) -> Iterator[Settings]:
    """``settings`` as is when its home exists, else with a throwaway home (plain validation
    must not create ``./var`` as a side effect)."""
    if settings.home.is_dir():
        yield settings
        return
    with tempfile.TemporaryDirectory(prefix="territoria-") as home:
        yield settings.model_copy(update={"home": Path(home)})
