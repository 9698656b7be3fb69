"""Resolve the cells the SQL path left undecided, with the exact reference, value by value.

Only the errors table is touched, and each distinct undecided value is checked once, in
batches, so a column of unusual values costs one Python call per distinct value, not per row.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from territoria.validation.cells.bits import UNDECIDED
from territoria.validation.cells.sql import text

BATCH = 8_192


def resolve_undecided(
    con: duckdb.DuckDBPyConnection,
    table: str,
    cell: str,
    mask: str,
    checker: Callable[[str | None], int],
) -> None:
    """Replace the UNDECIDED masks of column ``cell`` in ``table`` by the reference's verdict."""
    resolved = f"__resolved_{mask}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {resolved} (value VARCHAR, mask INTEGER)")
    pending = f"__undecided_{mask}"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {pending} AS "
        f"SELECT DISTINCT {cell} AS value FROM {table} WHERE {mask} = {UNDECIDED}"
    )
    offset = 0
    while batch := con.execute(
        f"SELECT value FROM {pending} ORDER BY rowid LIMIT {BATCH} OFFSET {offset}"
    ).fetchall():
        values = [row[0] for row in batch]
        rows = ", ".join(f"({text(value)}, {checker(value)})" for value in values)
        con.execute(f"INSERT INTO {resolved} VALUES {rows}")
        offset += len(values)
    con.execute(f"DROP TABLE {pending}")
    con.execute(
        f"UPDATE {table} SET {mask} = r.mask FROM {resolved} r "
        f"WHERE {table}.{mask} = {UNDECIDED} AND {table}.{cell} = r.value"
    )
    con.execute(f"DROP TABLE {resolved}")
