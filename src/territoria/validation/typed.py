"""Typed rows after validation: the SQL that storage writes to Parquet, valid rows or quarantine.

Must run on the connection ``validate`` used: it reads the source view and the errors tables
that validation left there, so the file is not checked twice.
"""

from __future__ import annotations

import hashlib
import json

import duckdb
import pyarrow as pa
from duckdb.func import PythonUDFType

from territoria.ingest.table import NCELLS_COLUMN, ROW_COLUMN, cell_column
from territoria.schemas.model import Field, Schema
from territoria.schemas.types._base import INVALID
from territoria.validation.cells.compile import SQL_TYPES
from territoria.validation.cells.fast import fast_path
from territoria.validation.cells.reference import parse_cell
from territoria.validation.cells.sql import ident, texts
from territoria.validation.keys import KEYS_TABLE
from territoria.validation.labels import pair_columns
from territoria.validation.scan import BLANK_COLUMN, ERRORS_TABLE
from territoria.validation.validator import ORDERED_VIEW, SOURCE_VIEW


def _canonical(value: object) -> str | None:
    if value is INVALID or value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _register_canonical(con: duckdb.DuckDBPyConnection, name: str, field: Field) -> None:
    memo: dict[str, str | None] = {}

    def canonical(cells: pa.Array) -> pa.Array:
        out: list[str | None] = []
        for cell in cells.to_pylist():
            if cell is None:
                out.append(None)
                continue
            if cell not in memo:
                memo[cell] = _canonical(parse_cell(cell, field))
            out.append(memo[cell])
        return pa.array(out, pa.string())

    known = con.execute(
        "SELECT count(*) FROM duckdb_functions() WHERE function_name = ?", [name]
    ).fetchone()
    if known and known[0]:  # built for an earlier SELECT of the same field on this connection
        return
    con.create_function(
        name, canonical, ["VARCHAR"], "VARCHAR", type=PythonUDFType.ARROW, side_effects=False
    )


def _typed_expression(
    con: duckdb.DuckDBPyConnection, index: int, field: Field, missing: tuple[str, ...]
) -> str:
    col = cell_column(index)
    is_missing = f"{col} IS NULL" + (f" OR {col} IN {texts(missing)}" if missing else "")
    sql_type = SQL_TYPES.get(field.type)
    if sql_type is None or sql_type == "VARCHAR":
        return f"CASE WHEN {is_missing} THEN NULL ELSE {col} END"
    digest = hashlib.sha1(json.dumps(field.to_dict(), sort_keys=True).encode()).hexdigest()
    name = f"__canon_{index}_{digest[:12]}"
    _register_canonical(con, name, field)
    path = fast_path(col, field)
    slow = f"TRY_CAST({name}({col}) AS {sql_type})"
    if path is None:
        return f"CASE WHEN {is_missing} THEN NULL ELSE {slow} END"
    return (
        f"CASE WHEN {is_missing} THEN NULL WHEN {path.valid} THEN "
        f"TRY_CAST({path.value} AS {sql_type}) ELSE {slow} END"
    )


def _invalid_rows_sql(with_keys: bool) -> str:
    rows = f"SELECT {ROW_COLUMN} FROM {ERRORS_TABLE}"
    if with_keys:
        rows += f" UNION SELECT {ROW_COLUMN} FROM {KEYS_TABLE}"
    return rows


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND temporary", [name]
    ).fetchone()
    return bool(found and found[0])


def _projections(con: duckdb.DuckDBPyConnection, labels: list[str], schema: Schema) -> list[str]:
    projections = []
    for column in pair_columns(labels, schema):
        field = column.field or Field(name=column.name, type="any")
        missing = schema.missing_values_for(field) if column.field else schema.missing_values
        expression = _typed_expression(con, column.index, field, missing)
        projections.append(f"{expression} AS {ident(column.name)}")
    return projections or ["1 AS empty"]


def valid_rows_sql(con: duckdb.DuckDBPyConnection, labels: list[str], schema: Schema) -> str:
    """SELECT of the valid rows, one typed column per label, named by its field, in file
    order; exact, through the numbered relation."""
    invalid = _invalid_rows_sql(_has_table(con, KEYS_TABLE))
    return (
        f"SELECT {', '.join(_projections(con, labels, schema))} FROM {SOURCE_VIEW} "
        f"WHERE {ROW_COLUMN} NOT IN ({invalid}) ORDER BY {ROW_COLUMN}"
    )


def valid_rows_by_content_sql(
    con: duckdb.DuckDBPyConnection, labels: list[str], schema: Schema, *, empty_as_null: bool
) -> str | None:
    """The same rows read from the ordered relation, without numbering it: a row is left out
    when its cells hash like an invalid row's. Cells decide cell and shape errors, so a row
    with the cells of an invalid row is invalid too; a hash collision could only drop a valid
    row, which the caller detects by counting the rows written. None when the scan had no
    ordered relation, or when key errors (which depend on the row, not its cells) exist.
    """
    if not _has_view(con, ORDERED_VIEW) or _key_errors(con):
        return None
    width = len(pair_columns(labels, schema))
    raw = ", ".join([*(cell_column(i) for i in range(width)), NCELLS_COLUMN])
    # Error rows hold '' for an empty cell, which the ordered relation may read as NULL.
    cells = (
        f"nullif({cell_column(i)}, '')" if empty_as_null else cell_column(i) for i in range(width)
    )
    kept = ", ".join([*cells, NCELLS_COLUMN])
    return (
        f"SELECT {', '.join(_projections(con, labels, schema))} FROM {ORDERED_VIEW} "
        f"WHERE hash({raw}) NOT IN (SELECT hash({kept}) FROM {ERRORS_TABLE})"
    )


def quarantine_rows_sql(con: duckdb.DuckDBPyConnection, labels: list[str], schema: Schema) -> str:
    """SELECT of the invalid rows as they were written (text), with their row number.

    Rows with cell or shape errors are in the errors table already; only rows whose sole
    error is a key need the source read again. Blank rows hold nothing to set aside.
    """
    columns = pair_columns(labels, schema)
    cells = [f"{cell_column(c.index)} AS {ident(c.name)}" for c in columns]
    select = ", ".join([f"{ROW_COLUMN} AS {ident('rowNumber')}", *cells])
    sql = f"SELECT {select} FROM {ERRORS_TABLE} WHERE NOT {BLANK_COLUMN}"  # blank: nothing kept
    if _has_table(con, KEYS_TABLE):
        keys_only = (
            f"SELECT {ROW_COLUMN} FROM {KEYS_TABLE} EXCEPT SELECT {ROW_COLUMN} FROM {ERRORS_TABLE}"
        )
        sql += f" UNION ALL SELECT {select} FROM {SOURCE_VIEW} WHERE {ROW_COLUMN} IN ({keys_only})"
    return f"SELECT * FROM ({sql}) ORDER BY {ident('rowNumber')}"


def _has_view(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name])
    row = found.fetchone()
    return bool(row and row[0])


def _key_errors(con: duckdb.DuckDBPyConnection) -> bool:
    if not _has_table(con, KEYS_TABLE):
        return False
    found = con.execute(f"SELECT count(*) FROM {KEYS_TABLE}").fetchone()
    return bool(found and found[0])
