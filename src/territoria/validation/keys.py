"""Unique and primary-key checks: a second scan, only when the schema declares such keys.

Like frictionless, a repeated value is reported on each later row, with the row of its
previous occurrence; a primary key whose cells are all empty is an error of its own. The
``uniqueKeys`` of Table Schema 2.0 (which frictionless 5 does not check) follow SQL's UNIQUE:
a key with an empty cell is left out, and a repeat is reported as ``unique-error``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from territoria.ingest.table import ROW_COLUMN
from territoria.schemas.model import Schema
from territoria.validation.labels import Column
from territoria.validation.scan import ERRORS_TABLE

KEYS_TABLE = "__territoria_key_errors"


@dataclass(frozen=True)
class KeyCheck:
    """One key to check: a field's ``unique`` constraint, the ``primaryKey``, or one of the
    schema's ``uniqueKeys`` (Table Schema 2.0)."""

    kind: str  # "unique-error" | "primary-key" | "unique-key"
    order: int  # position among the row's key errors
    columns: list[int]

    @property
    def error_type(self) -> str:
        """The report's error type: a unique key breaks uniqueness like a unique field."""
        return "unique-error" if self.kind == "unique-key" else self.kind


def key_checks(columns: list[Column], schema: Schema) -> list[KeyCheck]:
    """The unique and primary-key checks that apply to the file's columns."""
    checks: list[KeyCheck] = []
    for column in columns:
        if column.field is not None and column.field.constraints.unique:
            checks.append(KeyCheck("unique-error", len(checks), [column.index]))
    by_name = {c.field.name: c.index for c in columns if c.field is not None}
    if schema.primary_key and all(name in by_name for name in schema.primary_key):
        checks.append(
            KeyCheck("primary-key", len(checks), [by_name[name] for name in schema.primary_key])
        )
    for key in schema.unique_keys:
        if key and all(name in by_name for name in key):
            checks.append(KeyCheck("unique-key", len(checks), [by_name[name] for name in key]))
    return checks


def _one_check_sql(check: KeyCheck, keys_sql: Sequence[str], source: str) -> str:
    keys = [f"k{i}" for i in range(len(check.columns))]
    projections = ", ".join(
        f"CASE WHEN coalesce(m{index}, 0) & 1 = 1 THEN NULL ELSE {keys_sql[index]} END AS {name}"
        for index, name in zip(check.columns, keys, strict=True)
    )
    masks = ", ".join(f"m{index}" for index in check.columns)
    partition = ", ".join(keys)
    all_null = " AND ".join(f"{k} IS NULL" for k in keys)
    previous = f"lag({ROW_COLUMN}) OVER (PARTITION BY {partition} ORDER BY {ROW_COLUMN})"
    if check.kind == "unique-error":
        condition = f"{keys[0]} IS NOT NULL AND prev IS NOT NULL"
    elif check.kind == "unique-key":  # as SQL's UNIQUE: a key with a null never clashes
        any_null = " OR ".join(f"{k} IS NULL" for k in keys)
        condition = f"NOT ({any_null}) AND prev IS NOT NULL"
    else:
        condition = f"({all_null}) OR prev IS NOT NULL"
    return (
        f"SELECT {ROW_COLUMN}, {check.order} AS check_order, "
        f"CASE WHEN {all_null} THEN NULL ELSE prev END AS prev "
        f"FROM (SELECT {ROW_COLUMN}, {', '.join(keys)}, {previous} AS prev "
        f"FROM (SELECT {ROW_COLUMN}, {projections} FROM {source} "
        f"LEFT JOIN (SELECT {ROW_COLUMN} AS __erow, {masks} FROM {ERRORS_TABLE}) "
        f"ON {ROW_COLUMN} = __erow)) WHERE {condition}"
    )


def run_key_checks(
    con: duckdb.DuckDBPyConnection,
    checks: list[KeyCheck],
    keys_sql: Sequence[str],
    source: str,
) -> None:
    """Fill the key-errors table (row, check order, previous row) for every check."""
    union = " UNION ALL ".join(_one_check_sql(check, keys_sql, source) for check in checks)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {KEYS_TABLE} AS {union}")
