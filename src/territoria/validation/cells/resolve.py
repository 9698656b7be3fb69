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
    select = f"SELECT DISTINCT {cell} FROM {table} WHERE {mask} = {UNDECIDED}"
    values = [row[0] for row in con.execute(f"{select} LIMIT {BATCH + 1}").fetchall()]
    if len(values) > BATCH:  # many: page through a table of them rather than hold them all
        pending = f"__undecided_{mask}"
        con.execute(f"CREATE OR REPLACE TEMP TABLE {pending} AS {select}")
        offset = 0
        while batch := con.execute(
            f"SELECT * FROM {pending} ORDER BY rowid LIMIT {BATCH} OFFSET {offset}"
        ).fetchall():
            _insert_verdicts(con, resolved, [row[0] for row in batch], checker)
            offset += len(batch)
        con.execute(f"DROP TABLE {pending}")
    else:
        _insert_verdicts(con, resolved, values, checker)
    con.execute(
        f"UPDATE {table} SET {mask} = r.mask FROM {resolved} r "
        f"WHERE {table}.{mask} = {UNDECIDED} AND {table}.{cell} = r.value"
    )
    con.execute(f"DROP TABLE {resolved}")


def _insert_verdicts(
    con: duckdb.DuckDBPyConnection,
    resolved: str,
    values: list[str | None],
    checker: Callable[[str | None], int],
) -> None:
    if values:
        rows = ", ".join(f"({_literal(value)}, {checker(value)})" for value in values)
        con.execute(f"INSERT INTO {resolved} VALUES {rows}")


def _literal(value: str | None) -> str:
    """A cell as a SQL literal; a NUL character (allowed in a cell) is spliced in with chr."""
    if value is None:
        return "NULL"
    return " || chr(0) || ".join(text(part) for part in value.split("\x00"))
