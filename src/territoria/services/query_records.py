"""A records page and its total: from a value index when the filter allows, else a scan.

Three ways, chosen per query from its compiled AST: (1) the filter is all equalities on
indexed columns and the select row-wise: the total is the number of matching positions and
the page a slice of them fetched by position (no engine for a plain projection); (2) some
equalities, or one-column predicates decided on the column's distinct values
(:mod:`~territoria.services.predicate_candidates`), narrow the rows to few candidates: the
whole query runs on those candidates; (3) otherwise DuckDB scans the version's Parquet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pyarrow as pa
from sqlglot import exp

from territoria.engine.column_predicates import column_predicates
from territoria.engine.equalities import equalities
from territoria.engine.pool import ConnectionPool
from territoria.services import query_plan as plan
from territoria.services.acceleration import Accelerator
from territoria.services.predicate_candidates import predicate_rows
from territoria.services.query_run import run_query

if TYPE_CHECKING:
    from territoria.services.querying import VersionHandle

CANDIDATES_MAX = 50_000
"""Candidate rows above which a scan is cheaper than fetching them by position. Measured on
1M rows (a group-by under a filter, 2 shared cores): 1,000 candidates fetched and queried in
8 ms, 10,000 in 33 ms, 50,000 in 56 ms, 100,000 in 103 ms; the scan took 69 ms with an
equality and a comparison, 148 ms with a LIKE."""
CANDIDATES = "candidate_rows"


def _total(
    pool: ConnectionPool,
    count: exp.Select | None,
    timeout: float,
    tables: dict[str, pa.Table] | None = None,
) -> int:
    if count is None:
        return 0
    result = run_query(pool, count, timeout, tables)
    return int(result.column(0)[0].as_py() or 0) if result.num_rows else 0


def _scan(
    pool: ConnectionPool, rows: exp.Select, count: exp.Select | None, timeout: float
) -> tuple[int, pa.Table]:
    return _total(pool, count, timeout), run_query(pool, rows, timeout)


def _fetch(
    accelerator: Accelerator, handle: VersionHandle, ids: npt.NDArray[np.int64], schema: pa.Schema
) -> pa.Table:
    store = accelerator.row_store(handle.key, handle.parquet, handle.row_count)
    fetched = store.fetch(ids)
    return fetched if fetched.schema.equals(schema, check_metadata=False) else fetched.cast(schema)


def index_only(
    accelerator: Accelerator,
    handle: VersionHandle,
    rows: exp.Select,
    count: exp.Select | None,
) -> tuple[int, pa.Table] | None:
    """``(total, page)`` when open indexes and the open row store alone answer it (equalities
    on indexed columns, a plain projection, a page): no engine, no file to open, no build,
    so it may run on the event loop; None otherwise (run :func:`execute_records`)."""
    wanted, exact = equalities(rows.args.get("where"))
    if not wanted or not exact or accelerator.failure is not None:
        return None
    if not accelerator.usable(handle.schema, wanted):
        return None
    if not accelerator.opened(handle.key, [e.column for e in wanted]):
        return None
    page = plan.page_of(rows)
    shape = plan.shape(rows, handle.view)
    if page is None or not (shape.reads_only and shape.rowwise and plan.plain(rows)):
        return None
    if count is not None and not plan.counts_rows_of(count, rows, handle.view):
        return None
    ids = accelerator.candidates(
        handle.key, handle.parquet, handle.schema, handle.row_count, wanted
    )
    if ids is None:
        return None
    limit, offset = page
    chosen = ids[offset:] if limit is None else ids[offset : offset + limit]
    if len(chosen) > CANDIDATES_MAX:
        return None
    fetched = _fetch(accelerator, handle, chosen, handle.view_schema)
    return (len(ids) if count is not None else 0), plan.project(fetched, rows)


def execute_records(
    pool: ConnectionPool,
    accelerator: Accelerator,
    handle: VersionHandle,
    rows: exp.Select,
    count: exp.Select | None,
    timeout: float,
) -> tuple[int, pa.Table]:
    """``(total, page)`` of ``rows`` and ``count``, selects reading ``handle.view``."""
    try:
        answer = _accelerated(pool, accelerator, handle, rows, count, timeout)
    except OSError as error:  # no room or no right in the cache folder: scans still answer
        accelerator.disable(error)
        answer = None
    return answer if answer is not None else _scan(pool, rows, count, timeout)


def _accelerated(
    pool: ConnectionPool,
    accelerator: Accelerator,
    handle: VersionHandle,
    rows: exp.Select,
    count: exp.Select | None,
    timeout: float,
) -> tuple[int, pa.Table] | None:
    """The answer through the indexes, or None when they cannot give it."""
    where = rows.args.get("where")
    wanted, exact = equalities(where)
    predicates = column_predicates(where)
    shape = plan.shape(rows, handle.view)
    if not (wanted or predicates) or not shape.reads_only:
        return None
    ids = (
        accelerator.candidates(handle.key, handle.parquet, handle.schema, handle.row_count, wanted)
        if wanted
        else None
    )
    for predicate in predicates:  # each narrows the candidates; the clause still decides
        found = predicate_rows(pool, accelerator, handle, predicate, CANDIDATES_MAX, timeout)
        if found is not None:
            ids = found if ids is None else np.intersect1d(ids, found, assume_unique=True)
    if ids is None:
        return None
    exact = exact and accelerator.usable(handle.schema, wanted)
    schema = handle.view_schema
    page = plan.page_of(rows)
    counted = count is None or plan.counts_rows_of(count, rows, handle.view)
    if exact and counted and page is not None and shape.rowwise:
        limit, offset = page
        chosen = ids[offset:] if limit is None else ids[offset : offset + limit]
        if len(chosen) <= CANDIDATES_MAX:
            fetched = _fetch(accelerator, handle, chosen, schema)
            total = len(ids) if count is not None else 0
            if plan.plain(rows):
                return total, plan.project(fetched, rows)
            sliced = plan.retarget(rows, handle.view, CANDIDATES, drop_offset=True)
            return total, run_query(pool, sliced, timeout, {CANDIDATES: fetched})
    if len(ids) > CANDIDATES_MAX:
        return None
    tables = {CANDIDATES: _fetch(accelerator, handle, ids, schema)}
    on_candidates = plan.retarget(rows, handle.view, CANDIDATES)
    if count is None:
        total = 0
    elif plan.shape(count, handle.view).reads_only and count.args.get("where") == rows.args.get(
        "where"
    ):
        total = _total(pool, plan.retarget(count, handle.view, CANDIDATES), timeout, tables)
    else:
        total = _total(pool, count, timeout)
    return total, run_query(pool, on_candidates, timeout, tables)
