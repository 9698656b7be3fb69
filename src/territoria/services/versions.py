"""Write a validated table into a staged lake version: typed valid rows, quarantine, report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from territoria.ingest.table import SourceTable
from territoria.schemas.model import Schema
from territoria.storage import phases
from territoria.storage.atomic import StagedVersion
from territoria.validation.report import Report
from territoria.validation.typed import (
    quarantine_rows_sql,
    valid_rows_by_content_sql,
    valid_rows_sql,
)


@dataclass(frozen=True)
class WrittenFiles:
    """What was written into the staged folder."""

    rows: int
    quarantined_rows: int


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def copy_to_parquet(con: duckdb.DuckDBPyConnection, sql: str, path: Path) -> int:
    """Write the rows of ``sql`` to a zstd Parquet file; returns how many rows it holds."""
    con.execute(f"COPY ({sql}) TO '{_sql_path(path)}' (FORMAT parquet, COMPRESSION zstd)")
    found = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    return int(found[0]) if found else 0


def write_version_files(
    con: duckdb.DuckDBPyConnection,
    table: SourceTable,
    schema: Schema,
    report: Report,
    staged: StagedVersion,
) -> WrittenFiles:
    """data.parquet, quarantine.parquet (only when rows were refused) and report.json.

    Must run on the connection ``validate`` used, right after it.
    """
    expected = report.rows - report.invalid_rows
    by_content = valid_rows_by_content_sql(
        con, table.labels, schema, empty_as_null=table.empty_as_null
    )
    rows = copy_to_parquet(con, by_content, staged.data_path) if by_content else -1
    if rows != expected:  # no ordered reading, key errors, or a hash collision: number rows
        rows = copy_to_parquet(con, valid_rows_sql(con, table.labels, schema), staged.data_path)
    phases.reached("writing")
    quarantined = 0
    if report.invalid_rows > report.blank_rows:
        sql = quarantine_rows_sql(con, table.labels, schema)
        quarantined = copy_to_parquet(con, sql, staged.quarantine_path)
    staged.report_path.write_text(
        json.dumps(report.to_dict("fr"), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return WrittenFiles(rows=rows, quarantined_rows=quarantined)
