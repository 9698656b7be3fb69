"""Read a raw publication for a pack's transform: the one ingest reader, cells as text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
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
                arrow = table.relation(con).project(columns).to_arrow_table()
                kinds = [pa.int64()] + [pa.string()] * table.width
                fetched = [arrow.column(i).combine_chunks().cast(k) for i, k in enumerate(kinds)]
                return _in_file_order(fetched)

            fetched = table.attempt(fetch)
            labels = list(table.labels)
        finally:
            con.close()
            table.close()
    return RawTable(labels, fetched[1:], fetched[0], filename or path.name)


def _in_file_order(columns: list[pa.Array]) -> list[pa.Array]:
    """The columns sorted by their first, the physical row (the scan gives them in file order
    already: checked, and sorted only if not, rather than an ORDER BY over every column)."""
    rows = columns[0].to_numpy(zero_copy_only=False)
    if bool(np.all(rows[1:] >= rows[:-1])):
        return columns
    order = pa.array(np.argsort(rows, kind="stable"))
    return [column.take(order) for column in columns]
