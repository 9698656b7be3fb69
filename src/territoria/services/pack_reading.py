"""Read a raw publication for a pack's transform: the one ingest reader, cells as text."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
    readers detect the encoding, delimiter and header as for any ingest)."""
    check_exists(path)
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.tmp_dir, prefix="pack-read-") as scratch:
        table = open_table(path, options, settings, scratch_dir=Path(scratch))
        con = engine_connection(settings)
        try:
            columns = ", ".join([ROW_COLUMN, *(cell_column(i) for i in range(table.width))])

            def fetch() -> list[list[object]]:
                relation = table.relation(con).order(ROW_COLUMN).project(columns)
                arrow = relation.to_arrow_table()
                return [arrow.column(i).to_pylist() for i in range(arrow.num_columns)]

            fetched = table.attempt(fetch)
            labels = list(table.labels)
        finally:
            con.close()
            table.close()
    rows = [int(str(r)) for r in fetched[0]]
    cells = [[None if c is None else str(c) for c in column] for column in fetched[1:]]
    return RawTable(labels, cells, rows, filename or path.name)
