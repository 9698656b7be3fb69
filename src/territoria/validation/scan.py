"""The single scan of a table: every cell's error mask, keeping only the rows that have errors.

The scan writes one value per row, in file order, into a flags table: NULL for a valid row,
the row's cells and masks for a row with errors. Writing in order lets an ordered source be
numbered from ``rowid`` instead of a window function (which would serialise the parallel
scan), and gives the number of rows read without another pass. The rows with errors then land
in a DuckDB temporary table (spilled to disk beyond the memory limit), so counts stay exact
and memory bounded however invalid the file is.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from territoria.ingest.table import (
    EXTRA_COLUMN,
    NCELLS_COLUMN,
    ROW_COLUMN,
    balanced,
    cell_column,
    shift_join,
)
from territoria.schemas.model import Field, Schema
from territoria.validation.cells.bits import UNDECIDED
from territoria.validation.cells.compile import CompiledColumn, compile_column
from territoria.validation.cells.resolve import resolve_undecided
from territoria.validation.labels import Column

ERRORS_TABLE = "__territoria_errors"
FLAGS_TABLE = "__territoria_flags"
BLANK_COLUMN = "__blank"


def mask_column(index: int) -> str:
    """Name of the mask column of the ``index``-th file column in the errors table."""
    return f"m{index}"


@dataclass(frozen=True)
class ScanPlan:
    """The compiled columns and the statements that fill the errors table."""

    columns: list[Column]
    compiled: list[CompiledColumn]
    flags_sql: str  # one row per source row, in order: NULL, or the row's payload
    errors_sql: str  # the rows with errors, numbered
    blank_rows_sql: str | None = None  # the rows the ordered source skipped, as blank rows
    keys: tuple[str, ...] = ()  # per column: its key expression over the numbered relation


def _field_of(column: Column) -> Field:
    return column.field if column.field is not None else Field(name=column.name, type="any")


def _missing_of(column: Column, schema: Schema) -> tuple[str, ...]:
    if column.field is None:
        return schema.missing_values
    return schema.missing_values_for(column.field)


def plan_scan(
    source: str,
    columns: list[Column],
    schema: Schema,
    *,
    row_offset: int | None = None,
    skipped: tuple[int, ...] = (),
    empty_as_null: bool = False,
) -> ScanPlan:
    """Compile every column and the scan over the relation named ``source``.

    With ``row_offset`` the source is an ordered reading with no ``__row`` column: its n-th
    row (from 1) is row ``row_offset + n``, counted past the ``skipped`` rows (empty lines it
    passed over, which become blank rows). ``empty_as_null``: the source reads every empty
    cell as NULL (then NULL cannot mean a missing cell).
    """
    numbered = row_offset is None
    compiled = [
        compile_column(
            cell_column(c.index),
            _field_of(c),
            _missing_of(c, schema),
            f"v{c.index}",
            empty_is_null=empty_as_null,
        )
        for c in columns
    ]
    source = _prepared_source(source, columns, compiled, schema, empty_as_null)
    flags_sql = _flags_sql(source, compiled, numbered)
    errors_sql = _errors_sql(len(columns), row_offset, skipped, empty_as_null)
    blank_rows_sql = _blank_rows_sql(len(columns), skipped) if skipped and not numbered else None
    # Keys are read from the numbered relation, where an empty cell is '' again.
    keys = tuple(
        compile_column(cell_column(c.index), _field_of(c), _missing_of(c, schema)).key
        for c in columns
    )
    return ScanPlan(columns, compiled, flags_sql, errors_sql, blank_rows_sql, keys)


def _prepared_source(
    source: str,
    columns: list[Column],
    compiled: list[CompiledColumn],
    schema: Schema,
    empty_as_null: bool,
) -> str:
    """The source with '' back where an empty cell is a value, and typed values computed
    once for the masks that compare them."""
    if empty_as_null:
        texts = [
            f"coalesce({cell_column(c.index)}, '') AS {cell_column(c.index)}"
            for c in columns
            if "" not in _missing_of(c, schema)
        ]
        if texts:
            source = f"(SELECT * REPLACE ({', '.join(texts)}) FROM {source})"
    prepared = [c.prepared for c in compiled if c.prepared]
    if prepared:
        source = f"(SELECT *, {', '.join(prepared)} FROM {source})"
    return source


def _flags_sql(source: str, compiled: list[CompiledColumn], numbered: bool) -> str:
    """One list per row, NULL for a valid row (a NULL list costs its 16-byte entry and a
    validity bit, where a struct or several lists would cost that per field): the row
    number when the source has one, cells count, blank flag, masks, cells, extra cells."""
    width = len(compiled)
    cells = [cell_column(i) for i in range(width)]
    masks = [mask_column(i) for i in range(width)]
    blank = balanced("AND", [c.blank for c in compiled]) if compiled else "TRUE"
    inner = ", ".join(
        ([ROW_COLUMN] if numbered else [])
        + [NCELLS_COLUMN, EXTRA_COLUMN, *cells]
        + [f"{c.mask} AS {m}" for c, m in zip(compiled, masks, strict=True)]
        + [f"({blank}) AS {BLANK_COLUMN}"]
    )
    head = ([f"CAST({ROW_COLUMN} AS VARCHAR)"] if numbered else []) + [
        f"CAST({NCELLS_COLUMN} AS VARCHAR)",
        f"CAST(CAST({BLANK_COLUMN} AS INTEGER) AS VARCHAR)",
        *(f"CAST({mask} AS VARCHAR)" for mask in masks),
    ]
    listed = f"CAST([{', '.join([*head, *cells])}] AS VARCHAR[])"
    extra = f"coalesce({EXTRA_COLUMN}, CAST([] AS VARCHAR[]))"
    return (
        f"CREATE OR REPLACE TEMP TABLE {FLAGS_TABLE} AS "
        f"SELECT CASE WHEN {_bad(width)} THEN list_concat({listed}, {extra}) END AS p "
        f"FROM (SELECT {inner} FROM {source})"
    )


def _errors_sql(
    width: int, row_offset: int | None, skipped: tuple[int, ...], empty_as_null: bool
) -> str:
    """The flagged rows unpacked into the errors table, numbered."""
    numbered = row_offset is None
    base = 2 if numbered else 1  # where the cells count sits in the list
    first_cell = base + 2 + width
    after = first_cell + width  # first extra cell, if any
    join, number, flagged = "", "CAST(p[1] AS BIGINT)", FLAGS_TABLE
    if not numbered:
        flagged = f"(SELECT rowid + {int(row_offset or 0) + 1} AS __o, p FROM {FLAGS_TABLE})"
        join, number = shift_join("__shifts", "__o", skipped)
    cells = [
        f"coalesce(p[{first_cell + i}], '')" if empty_as_null else f"p[{first_cell + i}]"
        for i in range(width)
    ]
    fields = [
        f"{number} AS {ROW_COLUMN}",
        f"CAST(p[{base}] AS INTEGER) AS {NCELLS_COLUMN}",
        f"CASE WHEN len(p) >= {after} THEN list_slice(p, {after}, len(p)) END AS {EXTRA_COLUMN}",
        *(f"{cell} AS {cell_column(i)}" for i, cell in enumerate(cells)),
        *(f"CAST(p[{base + 2 + i}] AS INTEGER) AS {mask_column(i)}" for i in range(width)),
        f"p[{base + 1}] = '1' AS {BLANK_COLUMN}",
    ]
    return (
        f"CREATE OR REPLACE TEMP TABLE {ERRORS_TABLE} AS "
        f"SELECT {', '.join(fields)} FROM {flagged}{join} WHERE p IS NOT NULL"
    )


def _blank_rows_sql(width: int, skipped: tuple[int, ...]) -> str:
    """The skipped empty lines as blank rows of the errors table."""
    nulls = ", ".join(["NULL"] * width + ["0"] * width)
    return (
        f"INSERT INTO {ERRORS_TABLE} SELECT e, 0, NULL, {nulls + ', ' if nulls else ''}TRUE "
        f"FROM (VALUES {', '.join(f'({row})' for row in skipped)}) AS t(e)"
    )


def _bad(width: int) -> str:
    """Predicate of a row with at least one error (masks are OR-ed: no overflow, one test)."""
    any_mask = balanced("|", [mask_column(i) for i in range(width)])
    return f"{BLANK_COLUMN} OR {NCELLS_COLUMN} <> {width}" + (
        f" OR ({any_mask}) <> 0" if any_mask else ""
    )


def scan_source(con: duckdb.DuckDBPyConnection, plan: ScanPlan) -> int:
    """Read the whole source once into the flags table; the number of rows read.

    This is the only step that reads the file: a reader's refusal surfaces here.
    """
    con.execute(plan.flags_sql)
    found = con.execute(f"SELECT count(*) FROM {FLAGS_TABLE}").fetchone()
    return int(found[0]) if found else 0


def has_wide_rows(con: duckdb.DuckDBPyConnection, cells: int) -> bool:
    """Whether an ordered scan flagged a row of at least ``cells`` cells (its cells count is
    the first item of the flags list)."""
    found = con.execute(
        f"SELECT count(*) FROM {FLAGS_TABLE} "
        f"WHERE p IS NOT NULL AND CAST(p[1] AS INTEGER) >= {int(cells)}"
    ).fetchone()
    return bool(found and found[0])


def collect_errors(con: duckdb.DuckDBPyConnection, plan: ScanPlan) -> None:
    """Number the flagged rows into the errors table, settle undecided cells, drop the rows
    left without error."""
    con.execute(plan.errors_sql)
    con.execute(f"DROP TABLE {FLAGS_TABLE}")
    if plan.blank_rows_sql:
        con.execute(plan.blank_rows_sql)
    checked = [i for i, compiled in enumerate(plan.compiled) if compiled.checker is not None]
    if not checked:
        return
    resolved = False
    for index in _undecided_columns(con, checked):
        checker = plan.compiled[index].checker
        if checker is not None:
            resolve_undecided(con, ERRORS_TABLE, cell_column(index), mask_column(index), checker)
            resolved = True
    if resolved:
        con.execute(f"DELETE FROM {ERRORS_TABLE} WHERE NOT ({_bad(len(plan.columns))})")


def _undecided_columns(con: duckdb.DuckDBPyConnection, checked: list[int]) -> list[int]:
    """The columns among ``checked`` with an undecided cell in the errors table, found with
    one list per row (one filtered aggregate per column plans in quadratic time: seconds on
    a table of 1,000 columns)."""
    found = con.execute(f"SELECT count(*) FROM {ERRORS_TABLE}").fetchone()
    if not found or not found[0]:
        return []
    marks = ", ".join(f"CASE WHEN {mask_column(i)} = {UNDECIDED} THEN {i} END" for i in checked)
    rows = con.execute(
        f"SELECT DISTINCT unnest(list_filter([{marks}], x -> x IS NOT NULL)) AS i "
        f"FROM {ERRORS_TABLE} ORDER BY i"
    ).fetchall()
    return [int(row[0]) for row in rows]


def count_sql(width: int) -> str:
    """Exact error counts by type over the errors table, frictionless' blank-row rule applied."""
    masks = [mask_column(i) for i in range(width)]
    type_errors = balanced("+", [f"({m} & 1)" for m in masks]) or "0"
    constraint_errors = balanced("+", [f"bit_count({m} >> 1)" for m in masks]) or "0"
    not_blank = f"NOT {BLANK_COLUMN}"
    return (
        "SELECT "
        f"count(*) FILTER (WHERE {BLANK_COLUMN}), "
        f"coalesce(sum({type_errors}) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum({constraint_errors}) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum(greatest({width} - {NCELLS_COLUMN}, 0)) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum(greatest({NCELLS_COLUMN} - {width}, 0)) FILTER (WHERE {not_blank}), 0), "
        "count(*) "
        f"FROM {ERRORS_TABLE}"
    )
