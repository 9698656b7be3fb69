"""Validate a table against a Table Schema on DuckDB and build the report."""

from __future__ import annotations

import time
from typing import Any

import duckdb

from territoria.engine.connection import connect
from territoria.errors import UnreadableFileError
from territoria.ingest.table import (
    EXTRA_COLUMN,
    NCELLS_COLUMN,
    ROW_COLUMN,
    SourceTable,
)
from territoria.schemas.model import Schema
from territoria.validation.assemble import RowErrors, header_count, row_errors
from territoria.validation.keys import KEYS_TABLE, key_checks, run_key_checks
from territoria.validation.labels import label_errors, pair_columns
from territoria.validation.report import Report, ReportError
from territoria.validation.scan import (
    ERRORS_TABLE,
    ScanPlan,
    collect_errors,
    count_sql,
    has_wide_rows,
    plan_scan,
    scan_source,
)

SOURCE_VIEW = "__territoria_source"
ORDERED_VIEW = "__territoria_ordered"


def validate(
    table: SourceTable,
    schema: Schema,
    *,
    limit_errors: int = 1000,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Report:
    """Check every label, cell, row and key of ``table`` against ``schema``.

    The error counts are exact; at most ``limit_errors`` errors are listed, in frictionless'
    order (header first, then row by row). The connection keeps the errors table, so that
    storage can set the invalid rows aside without scanning again.
    """
    started = time.perf_counter()
    own = con is None
    con = con or connect()
    try:
        report = _validate(con, table, schema, limit_errors)
    except duckdb.OutOfMemoryException as error:
        raise _too_big(table, error) from error
    finally:
        if own:
            con.close()
    report.seconds = time.perf_counter() - started
    return report


def _too_big(table: SourceTable, error: Exception) -> UnreadableFileError:
    """The memory limit reached while checking (a table wide and invalid nearly everywhere
    keeps two columns per file column for each bad row): a limit of the instance, said so."""
    return UnreadableFileError(
        f"le fichier dépasse la mémoire allouée à la validation ({table.width} colonnes)",
        f"the file exceeds the memory given to validation ({table.width} columns)",
        path=str(table.path),
        hint_fr="relevez TERRITORIA_MEMORY_LIMIT, ou découpez le fichier",
        hint_en="raise TERRITORIA_MEMORY_LIMIT, or split the file",
        details={"reason": str(error).splitlines()[0]},
    )


def _validate(
    con: duckdb.DuckDBPyConnection, table: SourceTable, schema: Schema, limit: int
) -> Report:
    plan, rows = _scan(con, table, schema)
    columns = plan.columns
    headers = label_errors(table.labels, schema)
    collect_errors(con, plan)
    counts = con.execute(count_sql(len(columns))).fetchone()
    assert counts is not None
    blank, type_errors, constraint_errors, missing, extra, bad_rows = (int(v) for v in counts)
    checks = key_checks(columns, schema)
    key_counts: dict[str, int] = {}
    if checks:
        run_key_checks(con, checks, plan.keys, SOURCE_VIEW)
        for kind, order_count in _key_counts(con, checks):
            key_counts[kind] = key_counts.get(kind, 0) + order_count
    by_type = {
        "blank-row": blank,
        "type-error": type_errors,
        "constraint-error": constraint_errors,
        "missing-cell": missing,
        "extra-cell": extra,
        **key_counts,
        **header_count(headers),
    }
    by_type = {kind: n for kind, n in by_type.items() if n}
    listed = _listed(con, plan.columns, checks, headers, limit)
    invalid_rows = _invalid_rows(con, bool(checks), bad_rows)
    return Report(
        place=str(table.path),
        labels=list(table.labels),
        fields=len(columns),
        rows=rows,
        errors=listed,
        error_count=sum(by_type.values()),
        errors_by_type=by_type,
        invalid_rows=invalid_rows,
        detection=table.detection.to_dict(),
    )


def _scan(
    con: duckdb.DuckDBPyConnection, table: SourceTable, schema: Schema
) -> tuple[ScanPlan, int]:
    """Scan the table once (its ordered form when it has one); the plan and the rows read.

    A fast reading that turns out wrong (refused mid-file by the engine, or another number
    of rows than the reader counted) gives way to its exact fallback, and the scan starts
    again.
    """
    while True:
        plan, rows = table.attempt(lambda: _scan_once(con, table, schema))
        if table.fallback is not None and table.row_count not in (None, rows):
            table.use_fallback(f"{rows} rows read, {table.row_count} expected")
            continue
        if table.fallback is not None and table.max_cells and has_wide_rows(con, table.max_cells):
            table.use_fallback(f"a row has {table.max_cells} cells or more")
            continue
        return plan, rows + (len(table.skipped_rows) if table.ordered is not None else 0)


def _scan_once(
    con: duckdb.DuckDBPyConnection, table: SourceTable, schema: Schema
) -> tuple[ScanPlan, int]:
    """One scan of the table's current reading (the engine may refuse it at any step)."""
    columns = pair_columns(table.labels, schema)
    table.relation(con).create_view(SOURCE_VIEW, replace=True)
    if table.ordered is not None:
        table.ordered(con).create_view(ORDERED_VIEW, replace=True)
        plan = plan_scan(
            ORDERED_VIEW,
            columns,
            schema,
            row_offset=table.row_offset,
            skipped=table.skipped_rows,
            empty_as_null=table.empty_as_null,
        )
    else:
        con.execute(f"DROP VIEW IF EXISTS {ORDERED_VIEW}")  # none, or a refused one's
        plan = plan_scan(SOURCE_VIEW, columns, schema)
    return plan, scan_source(con, plan)


def _key_counts(con: duckdb.DuckDBPyConnection, checks: list[Any]) -> list[tuple[str, int]]:
    found = dict(
        con.execute(f"SELECT check_order, count(*) FROM {KEYS_TABLE} GROUP BY 1").fetchall()
    )
    return [(check.error_type, int(found.get(check.order, 0))) for check in checks]


def _invalid_rows(con: duckdb.DuckDBPyConnection, has_keys: bool, bad_rows: int) -> int:
    if not has_keys:
        return bad_rows
    found = con.execute(
        f"SELECT count(*) FROM (SELECT {ROW_COLUMN} FROM {ERRORS_TABLE} "
        f"UNION SELECT {ROW_COLUMN} FROM {KEYS_TABLE})"
    ).fetchone()
    return int(found[0]) if found else 0


def _listed(
    con: duckdb.DuckDBPyConnection,
    columns: list[Any],
    checks: list[Any],
    headers: list[ReportError],
    limit: int,
) -> list[ReportError]:
    """The first ``limit`` errors in report order."""
    listed = list(headers[:limit])
    if len(listed) >= limit:
        return listed
    width = len(columns)
    cells = ", ".join(f"c{i}" for i in range(width))
    masks = ", ".join(f"m{i}" for i in range(width))
    select = f"{ROW_COLUMN}, {NCELLS_COLUMN}, {EXTRA_COLUMN}, __blank"
    select += f", {cells}" if cells else ""
    select += f", {masks}" if masks else ""
    cell_rows = con.execute(
        f"SELECT {select} FROM {ERRORS_TABLE} ORDER BY {ROW_COLUMN} LIMIT {limit}"
    ).fetchall()
    key_rows: list[tuple[int, int, int | None]] = []
    if checks:
        key_rows = [
            (int(r[0]), int(r[1]), r[2])
            for r in con.execute(
                f"SELECT {ROW_COLUMN}, check_order, prev FROM {KEYS_TABLE} "
                f"ORDER BY {ROW_COLUMN}, check_order LIMIT {limit}"
            ).fetchall()
        ]
    by_row: dict[int, RowErrors] = {}
    for record in cell_rows:
        number = int(record[0])
        by_row.setdefault(number, RowErrors(number)).cells = record
    for number, order, previous in key_rows:
        by_row.setdefault(number, RowErrors(number)).keys.append((order, previous))
    for number in sorted(by_row):
        listed.extend(row_errors(by_row[number], columns, checks))
        if len(listed) >= limit:
            break
    return listed[:limit]
