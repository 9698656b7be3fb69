"""Read Parquet straight into the contract relation: columns cast to text by DuckDB, no spill."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spilled import forced_options
from territoria.ingest.table import (
    EXTRA_COLUMN,
    NCELLS_COLUMN,
    ROW_COLUMN,
    Detection,
    ReadOptions,
    SourceTable,
    cell_column,
)


def _as_text(index: int, kind: pa.DataType) -> str:
    """SQL turning one typed column into its text: JSON for nested values, ISO 8601 timestamps.

    Columns are named by position: DuckDB renames names differing only by case ("A", "a").
    """
    column = f"#{index + 1}"
    if pa.types.is_nested(kind):
        return f"CAST(to_json({column}) AS VARCHAR)"
    if pa.types.is_timestamp(kind):
        return f"replace(CAST({column} AS VARCHAR), ' ', 'T')"
    return f"CAST({column} AS VARCHAR)"


def _schema(path: Path) -> pa.Schema:
    try:
        return pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        raise UnreadableFileError(
            "Le fichier n’est pas un Parquet lisible.",
            "The file is not a readable Parquet file.",
            path=str(path),
            hint_fr="Réexportez-le, ou envoyez-le en CSV.",
            hint_en="Export it again, or send it as CSV.",
            details={"reason": str(exc)},
        ) from exc


def read_parquet(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a Parquet file; its column types are kept in ``Detection.extra["sourceTypes"]``."""
    schema = _schema(path)
    labels = list(schema.names)
    cells = ", ".join(
        f"{_as_text(i, field.type)} AS {cell_column(i)}" for i, field in enumerate(schema)
    )
    source = str(path).replace("'", "''")
    sql = (
        f"SELECT file_row_number + 2 AS {ROW_COLUMN}, "
        f"CAST({len(labels)} AS INTEGER) AS {NCELLS_COLUMN}, "
        f"CAST(NULL AS VARCHAR[]) AS {EXTRA_COLUMN}"
        + (f", {cells}" if cells else "")
        + f" FROM read_parquet('{source}', file_row_number = true) ORDER BY {ROW_COLUMN}"
    )

    def relation(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        return con.sql(sql)

    detection = Detection(
        format="parquet",
        forced=forced_options(options),
        extra={"sourceTypes": {field.name: str(field.type) for field in schema}},
    )
    return SourceTable(path=path, labels=labels, detection=detection, relation=relation)
