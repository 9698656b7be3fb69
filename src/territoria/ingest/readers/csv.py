"""Delimited text reader (CSV, TSV, TXT): DuckDB's parallel scan when the file is regular,
Python's csv module, spilled to Parquet, when it is not (ragged rows, blank lines, multi-line
cells), so that row numbers and cells are exactly frictionless' in both cases."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.csvfailure import ReadMode, next_mode, parsed, renamed
from territoria.ingest.readers.csvquirks import EOF_MARK, refuse_too_wide
from territoria.ingest.readers.csvshape import TextShape, measure_shape
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spilled import spilled_table
from territoria.ingest.sniff import sniff_text_file
from territoria.ingest.sniff.encoding import body_offset
from territoria.ingest.table import (
    EXTRA_COLUMN,
    NCELLS_COLUMN,
    ROW_COLUMN,
    Detection,
    RawRow,
    ReadOptions,
    SourceTable,
    balanced,
    cell_column,
    shift_join,
)

UTF8 = ("utf-8", "utf_8", "utf8", "utf-8-sig", "ascii")
NO_NULL = "\u2400territoria-null\u2400"  # a null string no file holds: '' stays ''
DUCKDB_LINE = 2 * 1024 * 1024  # DuckDB's default longest line
EXTRA_SEEN = 8  # cells beyond the header a relaxed scan reads; a row reaching them: Python


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _transcode(path: Path, encoding: str, skip: int, scratch_dir: Path) -> Path:
    """A UTF-8 copy of a file in another encoding, decoded in streaming from byte ``skip``
    (past a BOM the encoding does not drop itself)."""
    scratch_dir.mkdir(parents=True, exist_ok=True)
    target = scratch_dir / f"utf8-{uuid.uuid4().hex}.csv"
    try:
        with (
            path.open("rb") as raw,
            target.open("w", encoding="utf-8", newline="") as sink,
        ):
            raw.seek(skip)
            source = io.TextIOWrapper(raw, encoding=encoding, newline="")
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


def _ordered_sql(
    source: Path, detection: Detection, shape: TextShape, *, relaxed: bool = False
) -> str:
    """SQL of the contract relation without ``__row``, read in file order by DuckDB's scanner.

    Empty cells read as NULL, as the contract allows an ordered reading: strict mode
    guarantees every cell is there, so NULL can only mean ``''``, and turning it into ``''``
    here (a custom null string, or ``coalesce``) would cost a third of the scan. A file
    without any quote character is read with quoting off, which is faster.

    ``relaxed``: rows may be short or long. DuckDB pads short rows with NULL, so empty cells
    must read as ``''`` (a null string no file contains); :data:`EXTRA_SEEN` more columns
    hold the cells beyond the header, empty or not, as the exact reader keeps them (it is
    only used when the header has no trailing empty label). A row that fills the last of
    them may have been cut: validation then turns to the exact reader (``max_cells``).
    """
    width, kept = shape.width, shape.kept
    more = [f"__x{i}" for i in range(EXTRA_SEEN)] if relaxed else []
    names = [cell_column(i) for i in range(width)] + more
    columns = ", ".join(f"'{name}': 'VARCHAR'" for name in names)
    quote = (detection.quotechar or '"') if shape.quoted else ""
    mode = (
        f"strict_mode=false, null_padding=true, nullstr={_sql_text(NO_NULL)}"
        if relaxed
        else "strict_mode=true"
    )
    if relaxed and shape.multiline:  # the parallel scanner cannot pad rows then
        mode += ", parallel=false"
    scan = (
        f"read_csv({_sql_text(str(source))}, auto_detect=false, header=false, "
        f"skip={detection.header_row}, delim={_sql_text(detection.delimiter or ',')}, "
        f"quote={_sql_text(quote)}, escape={_sql_text(quote)}, columns={{{columns}}}, {mode}"
        f"{_line_size(shape)})"
    )
    limit = f" LIMIT {_records(detection, shape)}" if shape.eof_mark else ""
    if relaxed:
        # The cells count: the last cell there (padding is NULL, an empty cell '').
        last = " ".join(
            f"WHEN {name} IS NOT NULL THEN {position}"
            for position, name in reversed(list(enumerate(names, start=1)))
        )
        counted = f"CAST(CASE {last} ELSE 0 END AS INTEGER)"
        extra = (
            f"CASE WHEN __ncells > {width} THEN list_slice([{', '.join(more)}], 1, "
            f"__ncells - {width}) END"
        )
        cells = ", ".join(cell_column(i) for i in range(width))
        return (
            f"SELECT __ncells AS {NCELLS_COLUMN}, {extra} AS {EXTRA_COLUMN}, {cells} "
            f"FROM (SELECT {counted} AS __ncells, * FROM {scan}{limit})"
        )
    trailing = [cell_column(i) for i in range(kept, width)]
    if trailing:
        any_filled = balanced("OR", [f"{c} <> ''" for c in trailing])
        ncells = f"CASE WHEN {any_filled} THEN {width} ELSE {kept} END"
        texts = ", ".join(f"coalesce({c}, '')" for c in trailing)
        extra = f"CASE WHEN {any_filled} THEN [{texts}] END"
    else:
        ncells, extra = str(kept), "CAST(NULL AS VARCHAR[])"
    cells = ", ".join(cell_column(i) for i in range(kept))
    return (
        f"SELECT CAST({ncells} AS INTEGER) AS {NCELLS_COLUMN}, "
        f"{extra} AS {EXTRA_COLUMN}{', ' + cells if cells else ''} FROM {scan}{limit}"
    )


def _line_size(shape: TextShape) -> str:
    """DuckDB's ``max_line_size`` option when a line exceeds its 2 MiB default (up to our own
    limit); left out otherwise, since a larger one slows the scan of every file by a fifth."""
    if shape.longest_line < DUCKDB_LINE:
        return ""
    return f", max_line_size={max(shape.max_line, DUCKDB_LINE) + 2}"


def _records(detection: Detection, shape: TextShape) -> int:
    """Records after the header that DuckDB's scan yields (empty lines it skips left out)."""
    return shape.last_row - detection.header_row - len(shape.skipped)


def kept_cells(record: list[str], kept: int, width: int) -> list[str | None]:
    """A record's cells as validation sees them, given the header's ``width`` cells of which
    the first ``kept`` are labels (the rest, trailing empty labels, a spreadsheet export's
    trailing delimiter, are dropped).

    Cells under the dropped labels go with them when they are empty; a cell beyond the
    header's width is an extra cell, empty or not, as frictionless reports it (``a;b;c;``
    under ``a;b;c`` has one extra cell).
    """
    cells: list[str | None] = list(record)
    if len(cells) > width:
        if not any(cells[kept:width]):
            del cells[kept:width]
        return cells
    while len(cells) > kept and cells[-1] == "":
        cells.pop()
    return cells


def _python_rows(
    path: Path, source: Path, detection: Detection, shape: TextShape
) -> Iterator[RawRow]:
    """Records after the header with their frictionless row numbers (cells as
    :func:`kept_cells` keeps them), the end-of-file mark left out."""
    with source.open("r", encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(
            stream, delimiter=detection.delimiter or ",", quotechar=detection.quotechar or '"'
        )
        kept, width = shape.kept, shape.width
        mark = [chr(EOF_MARK)] if shape.eof_mark else None
        records = parsed(path, reader, lambda: reader.line_num)
        for number, record in enumerate(records, start=1):
            if number <= detection.header_row or record == mark:
                continue
            yield number, kept_cells(record, kept, width)


def _duckdb_table(
    path: Path,
    source: Path,
    detection: Detection,
    shape: TextShape,
    cleanup: list[Path],
    *,
    relaxed: bool,
) -> SourceTable:
    """The table read by DuckDB's scanner: ordered, and numbered for who needs numbers."""
    sql = _ordered_sql(source, detection, shape, relaxed=relaxed)
    offset = detection.header_row
    # '' again where the strict scan read an empty cell as NULL; a relaxed scan's NULL is a
    # missing cell, as in the contract.
    texts = ", ".join(
        cell_column(i) if relaxed else f"coalesce({cell_column(i)}, '') AS {cell_column(i)}"
        for i in range(len(shape.labels))
    )
    join, number = shift_join("__shifts", "__o", shape.skipped)
    numbered = (
        f"SELECT {number} AS {ROW_COLUMN}, {NCELLS_COLUMN}, {EXTRA_COLUMN}"
        f"{', ' + texts if texts else ''} "
        f"FROM (SELECT row_number() OVER () + {offset} AS __o, * FROM ({sql})){join}"
    )

    def ordered(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        return con.sql(sql)

    def relation(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
        return con.sql(numbered)

    detection.extra["reader"] = "duckdb-relaxed" if relaxed else "duckdb"
    if shape.skipped:
        detection.extra["emptyLines"] = len(shape.skipped)
    return SourceTable(
        path,
        shape.labels,
        detection,
        relation,
        cleanup=cleanup,
        row_count=_records(detection, shape),
        ordered=ordered,
        row_offset=offset,
        skipped_rows=shape.skipped,
        empty_as_null=not relaxed,
        max_cells=shape.width + EXTRA_SEEN if relaxed else None,
    )


def read_csv(
    path: Path,
    options: ReadOptions,
    *,
    scratch_dir: Path,
    limits: ReaderLimits,
    mode: ReadMode = "fast",
) -> SourceTable:
    """Read a delimited text file, detecting (or obeying) encoding, dialect and header row.

    A regular file is scanned by DuckDB in parallel (``fast``), its UTF-8 judged on samples
    since the scanner refuses any bad byte. Should the scanner refuse a byte, the table falls
    back to the ``exact`` reading: the whole file checked for its encoding, then transcoded
    and scanned again. Should it refuse a short or long row, to the ``relaxed`` scan, which
    pads short rows and keeps a few cells beyond the header; should anything else go wrong
    (a row longer than that, other rows than expected), to the ``python`` reading: Python's
    csv module, spilled to Parquet.
    """
    detection = sniff_text_file(
        path, options, max_line_bytes=limits.max_line_bytes, whole_file=mode in ("exact", "python")
    )
    encoding = codecs.lookup(detection.encoding or "utf-8").name
    cleanup: list[Path] = []
    source = path
    skip = body_offset(encoding, detection.bom)
    if encoding not in UTF8 or skip:
        source = _transcode(path, detection.encoding or encoding, skip, scratch_dir)
        cleanup.append(source)
    try:
        shape = measure_shape(source, detection, max_line=limits.max_line_bytes)
        refuse_too_wide(path, shape.width, detection.header_row)
    except UnreadableFileError as error:
        for scratch in cleanup:
            scratch.unlink(missing_ok=True)
        raise renamed(error, path) from error
    except BaseException:
        for scratch in cleanup:
            scratch.unlink(missing_ok=True)
        raise
    detection.extra.update(shape.findings())
    labels = shape.labels
    ragged_ok = shape.kept == shape.width  # the relaxed scan reads short and long rows
    # A strict scan hides a row's empty cells beyond the header (DuckDB drops them): a file
    # with rows of another width is scanned relaxed, or read by Python's csv module.
    scannable = ragged_ok or (mode != "relaxed" and not shape.uneven_rows)
    if shape.regular and mode != "python" and scannable:
        # A strict scan refuses the end-of-file mark's one-cell line, even past its LIMIT.
        relaxed = mode == "relaxed" or (ragged_ok and (shape.eof_mark or shape.uneven_rows))
        table = _duckdb_table(path, source, detection, shape, cleanup, relaxed=relaxed)

        def fallback(reason: str) -> SourceTable:
            return read_csv(
                path,
                options,
                scratch_dir=scratch_dir,
                limits=limits,
                mode=next_mode(mode, reason, ragged_ok=ragged_ok),
            )

        table.fallback = fallback
        return table
    detection.extra["reader"] = "python"
    try:
        table = spilled_table(
            path, labels, detection, _python_rows(path, source, detection, shape), scratch_dir
        )
    except BaseException:
        for scratch in cleanup:
            scratch.unlink(missing_ok=True)
        raise
    table.cleanup.extend(cleanup)
    return table
