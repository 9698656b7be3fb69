"""What one export reads: a whole version or a query's result, described once, fetched in batches.

Either source is the same to the writers: a relation (``SELECT * FROM read_parquet(…)`` for a
whole version, the caller's sqlglot select for a query) whose columns are described before
anything is streamed, so that a refusal (no geometry for GeoJSON, too many rows for XLSX,
an unknown field) is an error answered before the first byte, never a truncated file.
Rows are fetched from DuckDB as Arrow batches of at most :data:`BATCH_ROWS`, fewer for wide
rows: memory holds one batch, whatever the size of the export.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pyarrow as pa
from sqlglot import exp

from territoria.query.fields import QueryField
from territoria.services.export_columns import ExportColumn, quote_name, text_literal
from territoria.services.export_options import ExportOptions

BATCH_ROWS = 2048  # one DuckDB vector, for rows of ordinary width
MIN_BATCH_ROWS = 16
BATCH_BYTES = 8 << 20  # what a batch of wide rows (GeoJSON contours) should hold, roughly


@dataclass(frozen=True)
class ExportPlan:
    """The relation to export, its columns, the options, and where a file may be written."""

    con: duckdb.DuckDBPyConnection
    relation: str
    columns: tuple[ExportColumn, ...]
    options: ExportOptions
    tmp_dir: Path
    batch_rows: int = BATCH_ROWS

    def select(self, projections: Sequence[str]) -> str:
        """``SELECT projections FROM (relation) AS q(c0, c1, …)``: columns by their slots."""
        slots = ", ".join(quote_name(column.slot) for column in self.columns)
        return f"SELECT {', '.join(projections)} FROM ({self.relation}) AS q({slots})"

    def over(self, relation: str) -> ExportPlan:
        """The same plan reading ``relation`` (a projection of this one, made by a writer)."""
        return replace(self, relation=relation)

    def rows(self, expression: str) -> Iterator[list[str]]:
        """The values of one VARCHAR ``expression`` over the relation, a batch at a time.

        The query runs and its first batch is read at once: an error of the engine (a cast
        that fails, a time limit) is raised to the caller before any byte was sent, for a
        sort or a grouping whatever the row it meets, for a plain scan in the first batch.
        """
        # A streamed result keeps the rows' order (the query's ORDER BY, the file's order) only
        # on one thread: with two, DuckDB 1.5 handed a 5M-row CSV over in a different order
        # at each run (COPY, which Parquet and XLSX use, keeps it on any number of threads).
        self.con.execute("SET threads = 1")
        reader = self.con.execute(self.select([f"{expression} AS line"])).to_arrow_reader(
            self.batch_rows
        )
        try:
            first = reader.read_next_batch()
        except StopIteration:
            first = None
        except BaseException:
            reader.close()
            raise
        return self._batches(reader, first)

    @staticmethod
    def _batches(reader: pa.RecordBatchReader, first: pa.RecordBatch | None) -> Iterator[list[str]]:
        try:
            if first is None:
                return
            yield [str(value) for value in first.column(0).to_pylist()]
            for batch in reader:
                yield [str(value) for value in batch.column(0).to_pylist()]
        finally:
            reader.close()

    def count(self) -> int:
        """The rows of the relation (one extra scan: only XLSX asks, for Excel's limit)."""
        found = self.con.execute(f"SELECT count(*) FROM ({self.relation}) AS q").fetchone()
        return int(found[0]) if found else 0


def _batch_rows(con: duckdb.DuckDBPyConnection, source: Path) -> int:
    """Rows per batch so that a batch holds about :data:`BATCH_BYTES`: 2048 rows of commune
    contours (GeoJSON of 100 KB and more) would be hundreds of MB. The width is read from
    the Parquet footer, doubled for text rendered wider than it is encoded."""
    found = con.execute(
        "SELECT (SELECT sum(total_uncompressed_size) FROM parquet_metadata(?)), "
        "(SELECT sum(num_rows) FROM parquet_file_metadata(?))",
        [str(source), str(source)],
    ).fetchone()
    size, rows = found if found else (None, None)
    if not size or not rows:
        return BATCH_ROWS
    row_bytes = max(1.0, 2 * float(size) / float(rows))
    return int(max(MIN_BATCH_ROWS, min(BATCH_ROWS, BATCH_BYTES // row_bytes)))


def _register(con: duckdb.DuckDBPyConnection, query: exp.Select, source: Path) -> None:
    """Expose ``source`` under the name the query reads (its first table) as a temp view."""
    table = query.find(exp.Table)
    if table is None:
        raise ValueError("the export query reads no table")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {quote_name(table.name)} AS "
        f"SELECT * FROM read_parquet({text_literal(str(source))})"
    )


def plan_export(
    con: duckdb.DuckDBPyConnection,
    query: exp.Select | None,
    source: Path | None,
    options: ExportOptions,
    fields: Sequence[QueryField],
    tmp_dir: Path,
) -> ExportPlan:
    """Describe what will be exported; fields match the result's columns by name (the
    query's aliases) or, for a whole version, by stored column."""
    if query is None:
        if source is None:
            raise ValueError("an export needs a query or a source file")
        relation = f"SELECT * FROM read_parquet({text_literal(str(source))})"
    else:
        if source is not None:
            _register(con, query, source)
        relation = query.sql(dialect="duckdb")
    described = con.execute(f"DESCRIBE {relation}").fetchall()
    known = {(f.column if query is None else f.name): f for f in fields}
    columns = tuple(
        ExportColumn(str(name), str(kind), known.get(str(name)), f"c{i}")
        for i, (name, kind, *_) in enumerate(described)
    )
    batch_rows = _batch_rows(con, source) if source is not None else BATCH_ROWS
    return ExportPlan(con, relation, columns, options.checked(), tmp_dir, batch_rows)
