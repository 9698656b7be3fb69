"""The single scan of a table: every cell's error mask, keeping only the rows that have errors.

The rows with errors land in a DuckDB temporary table (spilled to disk beyond the memory
limit), so counts stay exact and memory bounded however invalid the file is.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from territoria.ingest.table import EXTRA_COLUMN, NCELLS_COLUMN, ROW_COLUMN, cell_column
from territoria.schemas.model import Field, Schema
from territoria.validation.cells.compile import CompiledColumn, compile_column
from territoria.validation.cells.resolve import resolve_undecided
from territoria.validation.labels import Column

ERRORS_TABLE = "__territoria_errors"


def mask_column(index: int) -> str:
    """Name of the mask column of the ``index``-th file column in the errors table."""
    return f"m{index}"


@dataclass(frozen=True)
class ScanPlan:
    """The compiled columns and the SQL that fills the errors table."""

    columns: list[Column]
    compiled: list[CompiledColumn]
    sql: str


def _field_of(column: Column) -> Field:
    return column.field if column.field is not None else Field(name=column.name, type="any")


def plan_scan(source: str, columns: list[Column], schema: Schema) -> ScanPlan:
    """Compile every column and the errors-table query over the relation named ``source``."""
    compiled: list[CompiledColumn] = []
    for column in columns:
        field = _field_of(column)
        missing = (
            schema.missing_values_for(field) if column.field is not None else schema.missing_values
        )
        compiled.append(compile_column(cell_column(column.index), field, missing))
    width = len(columns)
    masks = [f"{c.mask} AS {mask_column(i)}" for i, c in enumerate(compiled)]
    blank = " AND ".join(f"{c.blank}" for c in compiled) if compiled else "TRUE"
    cells = [cell_column(i) for i in range(width)]
    inner = ", ".join(
        [ROW_COLUMN, NCELLS_COLUMN, EXTRA_COLUMN, *cells, *masks, f"({blank}) AS __blank"]
    )
    sql = (
        f"CREATE OR REPLACE TEMP TABLE {ERRORS_TABLE} AS "
        f"SELECT * FROM (SELECT {inner} FROM {source}) WHERE {_bad(width)}"
    )
    return ScanPlan(columns, compiled, sql)


def _bad(width: int) -> str:
    """Predicate of a row with at least one error."""
    any_mask = " OR ".join(f"{mask_column(i)} <> 0" for i in range(width))
    return f"__blank OR {NCELLS_COLUMN} <> {width}" + (f" OR {any_mask}" if any_mask else "")


def run_scan(con: duckdb.DuckDBPyConnection, plan: ScanPlan) -> None:
    """Fill the errors table, then settle undecided cells and drop rows left without error."""
    con.execute(plan.sql)
    resolved = False
    for index, compiled in enumerate(plan.compiled):
        if compiled.checker is not None:
            resolve_undecided(
                con, ERRORS_TABLE, cell_column(index), mask_column(index), compiled.checker
            )
            resolved = True
    if resolved:
        con.execute(f"DELETE FROM {ERRORS_TABLE} WHERE NOT ({_bad(len(plan.columns))})")


def count_sql(width: int) -> str:
    """Exact error counts by type over the errors table, frictionless' blank-row rule applied."""
    masks = [mask_column(i) for i in range(width)]
    type_errors = " + ".join(f"({m} & 1)" for m in masks) or "0"
    constraint_errors = " + ".join(f"bit_count({m} >> 1)" for m in masks) or "0"
    not_blank = "NOT __blank"
    return (
        "SELECT "
        "count(*) FILTER (WHERE __blank), "
        f"coalesce(sum({type_errors}) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum({constraint_errors}) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum(greatest({width} - {NCELLS_COLUMN}, 0)) FILTER (WHERE {not_blank}), 0), "
        f"coalesce(sum(greatest({NCELLS_COLUMN} - {width}, 0)) FILTER (WHERE {not_blank}), 0), "
        "count(*) "
        f"FROM {ERRORS_TABLE}"
    )
