"""Parquet and XLSX: DuckDB writes them whole to a file, which is then streamed and deleted.

Neither format can be written as it goes (Parquet's footer, a zipped workbook), so DuckDB's
own writers (``COPY … TO``) fill a temporary file in the instance's tmp folder before the
first byte; its name is removed as soon as it is open, and the chunks are read from the open
file. Memory stays bounded: DuckDB spills, the file is read a :data:`FILE_CHUNK` at a time.
"""

from __future__ import annotations

import os
import secrets
import weakref
from collections.abc import Iterator

from territoria.services.excel import load_excel
from territoria.services.export_columns import quote_name, text_literal
from territoria.services.export_options import ExportNotPossibleError
from territoria.services.export_plan import ExportPlan

FILE_CHUNK = 1 << 20
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet, less the header row


def _streamed(plan: ExportPlan, sql: str, suffix: str, copy_options: str) -> Iterator[bytes]:
    """Write the file now (an engine error is raised before any byte is sent), open it and
    remove its name at once: the open handle alone holds the data, so no file is left
    behind whatever becomes of the stream — read, closed, or dropped by a client that went
    away and collected whenever the server gets to it."""
    plan.tmp_dir.mkdir(parents=True, exist_ok=True)
    target = plan.tmp_dir / f"export-{os.getpid()}-{secrets.token_hex(8)}.{suffix}"
    try:
        plan.con.execute(f"COPY ({sql}) TO {text_literal(str(target))} ({copy_options})")
        handle = target.open("rb")
    finally:
        target.unlink(missing_ok=True)

    def chunks() -> Iterator[bytes]:
        with handle:
            while chunk := handle.read(FILE_CHUNK):
                yield chunk

    stream = chunks()
    weakref.finalize(stream, handle.close)  # a stream never read closes its file too
    return stream


def write_parquet(plan: ExportPlan) -> Iterator[bytes]:
    """Parquet, typed values as the result has them, zstd (CLI) or snappy (Opendatasoft)."""
    compression = plan.options.parquet_compression
    return _streamed(plan, plan.relation, "parquet", f"FORMAT parquet, COMPRESSION {compression}")


def write_xlsx(plan: ExportPlan) -> Iterator[bytes]:
    """One sheet, a header row of names (or labels), text cells neutralised, non-finite
    numbers empty; refused beyond Excel's row limit before anything is written."""
    rows = plan.count()
    if rows > XLSX_MAX_ROWS:
        raise ExportNotPossibleError(
            f"{rows} lignes : trop pour un fichier XLSX (maximum {XLSX_MAX_ROWS})",
            f"{rows} rows: too many for an XLSX file (maximum {XLSX_MAX_ROWS})",
            hint_fr="exportez en CSV ou en Parquet",
            hint_en="export as CSV or Parquet",
            details={"rows": rows, "maximum": XLSX_MAX_ROWS},
        )
    load_excel(plan.con)
    options = plan.options
    projections = []
    for column in plan.columns:
        as_text = column.kind in ("text", "list") or (
            options.opendatasoft_values and column.kind in ("geo_point", "datetime")
        )
        value = column.text(options) if as_text else column.ref
        if column.kind == "float":  # a workbook cannot hold inf or nan: an empty cell
            value = column.json_value(options)
        projections.append(f"{value} AS {quote_name(column.header(options))}")
    return _streamed(plan, plan.select(projections), "xlsx", "FORMAT xlsx, HEADER true")
