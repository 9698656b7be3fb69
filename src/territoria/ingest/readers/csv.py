"""Delimited text reader (CSV, TSV, TXT): DuckDB's parallel scan when the file is regular,
Python's csv module, spilled to Parquet, when it is not (ragged rows, blank lines, multi-line
cells), so that row numbers and cells are exactly frictionless' in both cases."""

from __future__ import annotations

import codecs
import csv
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.csvshape import TextShape, measure_shape
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spilled import spilled_table
from territoria.ingest.sniff import sniff_text_file
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

NO_NULL = "\u2400territoria-null\u2400"  # a null marker no real file contains: '' stays ''
UTF8 = ("utf-8", "utf_8", "utf8", "utf-8-sig", "ascii")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _transcode(path: Path, encoding: str, scratch_dir: Path) -> Path:
    """A UTF-8 copy of a file in another encoding, decoded in streaming."""
    scratch_dir.mkdir(parents=True, exist_ok=True)
    target = scratch_dir / f"utf8-{uuid.uuid4().hex}.csv"
    try:
        with (
            path.open("r", encoding=encoding, newline="") as source,
            target.open("w", encoding="utf-8", newline="") as sink,
        ):
            shutil.copyfileobj(source, sink, 1024 * 1024)
    except UnicodeDecodeError as error:
        target.unlink(missing_ok=True)
        raise UnreadableFileError(
            f"le fichier n'est pas lisible en {encoding} (octet {error.start})",
            f"the file cannot be decoded as {encoding} (byte {error.start})",
            path=str(path),
            hint_fr="indiquez l'encodage avec --encoding",
            hint_en="pass the encoding with --encoding",
        ) from error
    return target


def _fast_relation_sql(source: Path, detection: Detection, shape: TextShape) -> str:
    """SQL of the contract relation read by DuckDB's CSV scanner."""
    width, kept = shape.width, shape.kept
    columns = ", ".join(f"'{cell_column(i)}': 'VARCHAR'" for i in range(width))
    quote = detection.quotechar or '"'
    scan = (
        f"read_csv({_sql_text(str(source))}, auto_detect=false, header=false, "
        f"skip={detection.header_row}, delim={_sql_text(detection.delimiter or ',')}, "
        f"quote={_sql_text(quote)}, escape={_sql_text(quote)}, columns={{{columns}}}, "
        f"nullstr={_sql_text(NO_NULL)}, strict_mode=true)"
    )
    trailing = [cell_column(i) for i in range(kept, width)]
    if trailing:
        any_filled = " OR ".join(f"{c} <> ''" for c in trailing)
        ncells = f"CASE WHEN {any_filled} THEN {width} ELSE {kept} END"
        extra = f"CASE WHEN {any_filled} THEN [{', '.join(trailing)}] END"
    else:
        ncells, extra = str(kept), "CAST(NULL AS VARCHAR[])"
    cells = ", ".join(cell_column(i) for i in range(kept))
    numbered = f"row_number() OVER () + {detection.header_row}"
    inner = f"SELECT {numbered} AS {ROW_COLUMN}, * FROM {scan}"
    where = f" WHERE {ROW_COLUMN} <= {shape.last_row}" if shape.trailing_blank_rows else ""
    return (
        f"SELECT {ROW_COLUMN}, CAST({ncells} AS INTEGER) AS {NCELLS_COLUMN}, "
        f"{extra} AS {EXTRA_COLUMN}{', ' + cells if cells else ''} FROM ({inner}){where}"
    )


def _python_rows(source: Path, detection: Detection, shape: TextShape) -> Iterator[RawRow]:
    """Records after the header with their frictionless row numbers, trailing blanks trimmed."""
    with source.open("r", encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(
            stream, delimiter=detection.delimiter or ",", quotechar=detection.quotechar or '"'
        )
        pending: list[RawRow] = []  # blank records, dropped if nothing follows them
        for number, record in enumerate(reader, start=1):
            if number <= detection.header_row:
                continue
            cells: list[str | None] = list(record)
            while len(cells) > shape.kept and cells[-1] == "":
                cells.pop()
            if not any(cell and cell.strip() for cell in cells):
                pending.append((number, cells))
                continue
            yield from pending
            pending.clear()
            yield number, cells


def read_csv(
    path: Path, options: ReadOptions, *, scratch_dir: Path, limits: ReaderLimits
) -> SourceTable:
    """Read a delimited text file, detecting (or obeying) encoding, dialect and header row."""
    detection = sniff_text_file(path, options, max_line_bytes=limits.max_line_bytes)
    encoding = codecs.lookup(detection.encoding or "utf-8").name
    cleanup: list[Path] = []
    source = path
    if encoding not in UTF8:
        source = _transcode(path, detection.encoding or encoding, scratch_dir)
        cleanup.append(source)
    shape = measure_shape(source, detection, max_line=limits.max_line_bytes)
    detection.extra.update(shape.findings())
    labels = shape.labels
    if shape.regular and _duckdb_agrees(source, detection, shape):
        sql = _fast_relation_sql(source, detection, shape)

        def relation(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
            return con.sql(sql)

        detection.extra["reader"] = "duckdb"
        count = shape.last_row - detection.header_row
        return SourceTable(path, labels, detection, relation, cleanup=cleanup, row_count=count)
    detection.extra["reader"] = "python"
    table = spilled_table(
        path, labels, detection, _python_rows(source, detection, shape), scratch_dir
    )
    table.cleanup.extend(cleanup)
    return table


def _duckdb_agrees(source: Path, detection: Detection, shape: TextShape) -> bool:
    """Whether DuckDB reads exactly one record per physical line (no ragged or split rows)."""
    sql = _fast_relation_sql(source, detection, shape)
    con = duckdb.connect(config={"threads": 2, "memory_limit": "256MB"})
    try:
        row = con.sql(f"SELECT count(*) FROM ({sql})").fetchone()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return row is not None and row[0] == shape.last_row - detection.header_row
