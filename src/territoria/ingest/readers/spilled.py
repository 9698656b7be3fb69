"""Assemble a SourceTable from rows produced in Python, spilled once to scratch Parquet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from territoria.ingest.table import (
    EXTRA_COLUMN,
    NCELLS_COLUMN,
    ROW_COLUMN,
    Detection,
    RawRow,
    ReadOptions,
    SourceTable,
    cell_column,
)


def forced_options(options: ReadOptions) -> list[str]:
    """Names of the options the user forced, for ``Detection.forced``."""
    given = {"format": options.format, "sheet": options.sheet, "headerRow": options.header_row}
    return [name for name, value in given.items() if value is not None]


def _read_back(path: Path, width: int) -> Callable[[], Iterator[RawRow]]:
    """Python-side iteration over the spilled rows, batch by batch."""

    def rows() -> Iterator[RawRow]:
        import pyarrow.parquet as pq  # loaded by the readers that spill, not at start-up

        columns = [ROW_COLUMN, NCELLS_COLUMN, EXTRA_COLUMN] + [cell_column(i) for i in range(width)]
        for batch in pq.ParquetFile(path).iter_batches(columns=columns):
            data = batch.to_pydict()
            for index, number in enumerate(data[ROW_COLUMN]):
                ncells = data[NCELLS_COLUMN][index]
                cells = [data[cell_column(i)][index] for i in range(min(width, ncells))]
                cells += data[EXTRA_COLUMN][index] or []
                yield number, cells

    return rows


def spilled_table(
    path: Path,
    labels: list[str],
    detection: Detection,
    rows: Iterator[RawRow],
    scratch_dir: Path,
) -> SourceTable:
    """Spill ``rows`` under ``scratch_dir`` and return the table scanning them.

    The Arrow stack loads here, when a reader spills, not when the readers are imported: a
    CSV read by DuckDB never needs it, and pyarrow costs ~0.15 s at every command's start.
    """
    from territoria.ingest.spill import parquet_relation, spill_rows

    spilled = spill_rows(len(labels), rows, scratch_dir)

    def relation(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        return parquet_relation(spilled, con)

    return SourceTable(
        path=path,
        labels=labels,
        detection=detection,
        relation=relation,
        rows=_read_back(spilled, len(labels)),
        cleanup=[spilled],
    )
