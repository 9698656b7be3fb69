"""Read a raw publication for a pack's transform: the one ingest reader, cells as text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyarrow as pa

from territoria.config import Settings
from territoria.ingest.guards import check_exists
from territoria.ingest.open import open_table
from territoria.ingest.table import ROW_COLUMN, ReadOptions, cell_column
from territoria.packs.raw import RawTable
from territoria.services.tables import engine_connection


def read_raw(
    path: Path, options: ReadOptions, settings: Settings, filename: str | None = None
) -> RawTable:
    """Every row of ``path`` as text, in file order, with its physical row number (the
    readers detect the encoding, delimiter and header as for any ingest): Arrow columns
    straight from DuckDB, no Python object per cell."""
    check_exists(path)
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.tmp_dir, prefix="pack-read-") as scratch:
        table = open_table(path, options, settings, scratch_dir=Path(scratch))
        con = engine_connection(settings)
        try:
            cells = (f"CAST({cell_column(i)} AS VARCHAR)" for i in range(table.width))
            columns = ", ".join([f"CAST({ROW_COLUMN} AS BIGINT)", *cells])

            def fetch() -> list[pa.Array]:
                relation = table.relation(con).order(ROW_COLUMN).project(columns)
                arrow = relation.to_arrow_table()
                kinds = [pa.int64()] + [pa.string()] * table.width
                return [arrow.column(i).combine_chunks().cast(kind) for i, kind in enumerate(kinds)]

            fetched = table.attempt(fetch)
            labels = list(table.labels)
        finally:
            con.close()
            table.close()
    return RawTable(labels, fetched[1:], fetched[0], filename or path.name)
