"""Rows meeting a one-column predicate, found by deciding it once per distinct value.

The portal's column filters ("contains", ranges) and ODSQL's ``like``, ``startswith()`` or
comparisons on a code column read one column: deciding them on the value index's distinct
values (tens of thousands) then reading the passing values' rows by position costs a
fraction of a scan of a million rows. The index is the one equalities use (built once per
version and column); a column with too many distinct values, a predicate true for a missing
value, or one the engine cannot decide apart leaves the query to the scan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
from sqlglot import exp

from territoria.engine.column_predicates import VALUE, ColumnPredicate, over_values
from territoria.engine.pool import ConnectionPool, QueryInterrupted
from territoria.services.acceleration import Accelerator, indexable_type

if TYPE_CHECKING:
    from territoria.services.querying import VersionHandle

VALUES = "territoria_distinct_values"
FEW_VALUES = 4
"""Distinct values at most one per ``FEW_VALUES`` rows: beyond, deciding per value saves
little over the scan."""


def _decided(
    pool: ConnectionPool, predicate: exp.Expression, values: pa.Table, timeout: float
) -> npt.NDArray[np.int64] | None:
    """Codes (positions in ``values``) of the values meeting ``predicate``, or None when it
    holds for a missing value (the index has no rows for those) or cannot be decided."""
    code = exp.column("code", quoted=True)
    passing = exp.select(code).from_(VALUES).where(predicate).order_by(code)
    on_null = exp.select(exp.func("COALESCE", predicate, exp.false())).from_(VALUES).limit(1)
    nulls = pa.table({"code": pa.array([0]), VALUE: pa.nulls(1, values.schema.field(VALUE).type)})
    try:
        if pool.run(on_null, timeout=timeout, tables={VALUES: nulls}).column(0)[0].as_py():
            return None
        found = pool.run(passing, timeout=timeout, tables={VALUES: values})
    except (duckdb.Error, QueryInterrupted):
        return None  # e.g. a geo function the engine loads on demand: the scan decides
    return np.asarray(found.column(0).to_numpy(), dtype=np.int64)


def predicate_rows(
    pool: ConnectionPool,
    accelerator: Accelerator,
    handle: VersionHandle,
    predicate: ColumnPredicate,
    limit: int,
    timeout: float,
) -> npt.NDArray[np.int64] | None:
    """Ascending positions of the rows meeting ``predicate``, or None when the index cannot
    tell them or more than ``limit`` rows meet it (the scan is then cheaper)."""
    if accelerator.failure is not None or predicate.column not in handle.schema.names:
        return None
    if not indexable_type(handle.schema.field(predicate.column).type):
        return None
    if not accelerator.available(handle.key, handle.parquet, [predicate.column], handle.row_count):
        return None  # built in the background meanwhile: this query scans
    index = accelerator.value_index(handle.key, handle.parquet, predicate.column, handle.row_count)
    distinct = index.values
    if len(distinct) * FEW_VALUES > handle.row_count:
        return None
    values = pa.table({"code": np.arange(len(distinct)), VALUE: distinct.combine_chunks()})
    codes = _decided(pool, over_values(predicate), values, timeout)
    if codes is None or index.count_of(codes) > limit:
        return None
    return index.positions_of(codes)
