"""Turn rows read in Python into the contract relation, through a scratch Parquet file.

Readers that cannot be scanned by DuckDB directly (spreadsheets, JSON, ragged CSV) stream their
rows here: they are written in batches of typed Arrow columns, so memory stays bounded and the
result can be scanned several times (validation, then storage) at Parquet speed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from territoria.ingest.table import EXTRA_COLUMN, NCELLS_COLUMN, ROW_COLUMN, RawRow, cell_column

BATCH_ROWS = 50_000


def contract_schema(width: int) -> pa.Schema:
    """Arrow schema of the contract relation for a header of ``width`` labels."""
    fields = [
        pa.field(ROW_COLUMN, pa.int64()),
        pa.field(NCELLS_COLUMN, pa.int32()),
        pa.field(EXTRA_COLUMN, pa.list_(pa.string())),
    ]
    fields += [pa.field(cell_column(i), pa.string()) for i in range(width)]
    return pa.schema(fields)


def _batch(schema: pa.Schema, width: int, rows: list[RawRow]) -> pa.RecordBatch:
    """One Arrow batch; short rows are padded with nulls and the cells transposed by ``zip``
    (a C loop), not picked cell by cell in Python."""
    numbers = [number for number, _ in rows]
    ncells = [len(cells) for _, cells in rows]
    padding: list[str | None] = [None] * width
    extras: list[list[str | None] | None] = []
    padded: list[list[str | None]] = []
    for count, (_, cells) in zip(ncells, rows, strict=True):
        if count == width:
            extras.append(None)
            padded.append(cells)
        elif count > width:
            extras.append(cells[width:])
            padded.append(cells[:width])
        else:
            extras.append(None)
            padded.append(cells + padding[count:])
    columns: list[pa.Array] = [
        pa.array(numbers, pa.int64()),
        pa.array(ncells, pa.int32()),
        pa.array(extras, pa.list_(pa.string())),
    ]
    if width:
        columns.extend(pa.array(column, pa.string()) for column in zip(*padded, strict=True))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def spill_rows(width: int, rows: Iterator[RawRow], scratch_dir: Path) -> Path:
    """Write ``rows`` to a new Parquet file in ``scratch_dir`` and return its path."""
    scratch_dir.mkdir(parents=True, exist_ok=True)
    path = scratch_dir / f"spill-{uuid.uuid4().hex}.parquet"
    schema = contract_schema(width)
    buffer: list[RawRow] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for row in rows:
            buffer.append(row)
            if len(buffer) >= BATCH_ROWS:
                writer.write_batch(_batch(schema, width, buffer))
                buffer = []
        if buffer:
            writer.write_batch(_batch(schema, width, buffer))
    return path


def parquet_relation(path: Path, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """Scan a spilled Parquet file in row order."""
    return con.sql(f"SELECT * FROM read_parquet('{_quote(path)}') ORDER BY {ROW_COLUMN}")


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
