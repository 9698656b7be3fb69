"""Resolve the cells the SQL path left undecided, with the exact reference, value by value.

Only the errors table is touched, and each distinct undecided value is checked once, in
batches, so a column of unusual values costs one Python call per distinct value, not per row.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from territoria.validation.cells.bits import UNDECIDED

BATCH = 65_536


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
    reader = con.execute(
        f"SELECT DISTINCT {cell} FROM {table} WHERE {mask} = {UNDECIDED}"
    ).to_arrow_reader(BATCH)
    for batch in reader:
        values = batch.column(0).to_pylist()
        verdicts = pa.table(
            {"value": pa.array(values, pa.string()), "mask": [checker(v) for v in values]}
        )
        con.register("__verdicts", verdicts)
        con.execute(f"INSERT INTO {resolved} SELECT value, mask FROM __verdicts")
        con.unregister("__verdicts")
    con.execute(
        f"UPDATE {table} SET {mask} = r.mask FROM {resolved} r "
        f"WHERE {table}.{mask} = {UNDECIDED} AND {table}.{cell} = r.value"
    )
    con.execute(f"DROP TABLE {resolved}")
