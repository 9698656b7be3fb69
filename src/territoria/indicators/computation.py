"""Compute indicators on a DuckDB connection: every spec's source-level rows aggregated up the
COG, all specs in one Arrow table of the results dataset's columns (text columns
dictionary-encoded) in the dataset's order (indicator, level, territory, period, dimensions),
with the issues met. Specs reading the same rows share one scan
(``batches``); a spec referencing another indicator is compiled on its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
from sqlglot import exp

from territoria.engine.sql import table as table_ref
from territoria.geo.geography import Geography, geography
from territoria.indicators import exclusions
from territoria.indicators.aggregation import aggregate
from territoria.indicators.batch_run import TEXT, Scratch, run_batch
from territoria.indicators.batches import batchable, plan
from territoria.indicators.compiler import compile_spec
from territoria.indicators.hierarchy import (
    combos_table,
    combos_view,
    expected_table,
    expected_view,
    parents_table,
    parents_view,
    territory_ids,
)
from territoria.indicators.issues import Issue
from territoria.indicators.model import IndicatorSpec
from territoria.indicators.ordering import dependency_order
from territoria.indicators.requirements import missing_columns

DIALECT = "duckdb"
_RESULT_ORDER = ["niveau", "territoire", "periode"]
"""Within one indicator's rows, then its dimensions by name (``ComputeResult.table``)."""


@dataclass
class ComputeResult:
    """The results table (all specs together) and what the computation met on the way."""

    table: pa.Table
    """Ordered by indicator, level, territory, period and dimensions (as texts, nulls last):
    the same results make the same table, and a stored version needs no sort of its own."""
    issues: list[Issue] = field(default_factory=list)


def result_schema(dimensions: Sequence[str]) -> pa.Schema:
    """The results dataset's columns, ``dimensions`` (sorted) between period and value."""
    text = [("indicateur", TEXT), ("territoire", TEXT), ("niveau", TEXT), ("periode", TEXT)]
    text += [(name, TEXT) for name in dimensions]
    numbers = [
        ("valeur", pa.float64()),
        ("numerateur", pa.float64()),
        ("denominateur", pa.float64()),
    ]
    return pa.schema(text + numbers + [("contributeurs", pa.int64()), ("attendus", pa.int64())])


def compute(
    con: duckdb.DuckDBPyConnection,
    specs: Sequence[IndicatorSpec],
    sources: Mapping[str, str],
    *,
    geo: Geography | None = None,
) -> ComputeResult:
    """Results of ``specs`` read from ``sources`` (dataset role → view or table on ``con``)."""
    geo = geo or geography()
    dimensions = sorted({name for spec in specs for name in spec.dimensions})
    schema = result_schema(dimensions)
    ordered, issues = dependency_order(specs)
    levels = sorted({spec.territory.level for spec in ordered})
    for level in levels:
        _materialise(con, parents_view(level), parents_table(level, geo))
        _materialise(con, expected_view(level), expected_table(level, geo))
        _materialise(con, combos_view(level), combos_table(level, geo))
    scratch = Scratch(con)
    parts: dict[str, list[tuple[str, pa.Table]]] = {}
    try:
        runnable = _runnable(con, ordered, sources, issues)
        issues.extend(_exclusions(scratch, runnable, sources))
        batched = [spec for spec in runnable.values() if batchable(spec)]
        for batch in plan(batched, sources):
            territories = territory_ids(batch.key.level, geo)
            try:
                parts.update(run_batch(scratch, batch, dimensions, schema, territories))
            except duckdb.Error as exc:
                issues.extend(_failed(spec, exc) for spec in batch.specs)
        for spec in runnable.values():
            if not batchable(spec):
                table = _run(con, spec, sources, runnable, dimensions, schema, issues)
                parts[spec.id] = [] if table is None else [("", table)]  # levels ordered within
    finally:
        scratch.drop()
        for level in levels:
            for name in (parents_view(level), expected_view(level), combos_view(level)):
                drop = exp.Drop(tables=[table_ref(name)], kind="TABLE", exists=True)
                con.execute(drop.sql(dialect=DIALECT))
    tables = [table for name in sorted(parts) for _, table in sorted(parts[name], key=_level)]
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    return ComputeResult(table, issues)


def _level(part: tuple[str, pa.Table]) -> str:
    return part[0]


def _failed(spec: IndicatorSpec, exc: duckdb.Error) -> Issue:
    first = str(exc).splitlines()[0]
    return Issue(
        "ERROR",
        None,
        None,
        "computation-failed",
        f"{spec.id} : calcul impossible ({first})",
        f"{spec.id}: computation failed ({first})",
        {"indicator": spec.id},
    )


def _materialise(con: duckdb.DuckDBPyConnection, name: str, data: pa.Table) -> None:
    """``data`` as a temporary table: with statistics, unlike a registered Arrow view, DuckDB
    plans the joins well (an Arrow view of the ancestors made one plan run for minutes)."""
    staging = f"{name}_arrow"
    con.register(staging, data)
    try:
        body = exp.select(exp.Star()).from_(table_ref(staging))
        create = exp.Create(
            this=table_ref(name),
            kind="TABLE",
            replace=True,
            expression=body,
            properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
        )
        con.execute(create.sql(dialect=DIALECT))
    finally:
        con.unregister(staging)


def _runnable(
    con: duckdb.DuckDBPyConnection,
    specs: Sequence[IndicatorSpec],
    sources: Mapping[str, str],
    issues: list[Issue],
) -> dict[str, IndicatorSpec]:
    """The specs whose source is given and holds every column they read (and their references')."""
    runnable: dict[str, IndicatorSpec] = {}
    for spec in specs:
        problem = missing_columns(con, spec, sources)
        if problem is None and any(ref not in runnable for _, ref in spec.references()):
            problem = Issue(
                "ERROR",
                None,
                None,
                "reference-not-computed",
                f"{spec.id} : un indicateur référencé n'a pas pu être calculé",
                f"{spec.id}: a referenced indicator could not be computed",
                {"indicator": spec.id},
            )
        if problem is not None:
            issues.append(problem)
            continue
        runnable[spec.id] = spec
    return runnable


def _exclusions(
    scratch: Scratch, specs: Mapping[str, IndicatorSpec], sources: Mapping[str, str]
) -> list[Issue]:
    shapes: dict[exclusions.SourceShape, list[str]] = {}
    for spec in specs.values():
        view = sources[spec.source]
        profile, periods, _ = scratch.periods(
            view, spec.territory.column, spec.period.column, spec.period.granularity
        )
        shape = exclusions.SourceShape(
            view,
            spec.source,
            spec.territory.column,
            spec.territory.level,
            spec.period.column,
            spec.period.granularity,
            profile,
            periods,
        )
        shapes.setdefault(shape, []).append(spec.id)
    return [
        issue for shape, ids in shapes.items() for issue in exclusions.find(scratch.con, shape, ids)
    ]


def _run(
    con: duckdb.DuckDBPyConnection,
    spec: IndicatorSpec,
    sources: Mapping[str, str],
    runnable: Mapping[str, IndicatorSpec],
    dimensions: Sequence[str],
    schema: pa.Schema,
    issues: list[Issue],
) -> pa.Table | None:
    references = {ref: (runnable[ref], sources[runnable[ref].source]) for ref in runnable}
    query = aggregate(
        spec, compile_spec(spec, sources[spec.source], references=references), dimensions
    )
    for cte in query.find_all(exp.CTE):  # DuckDB would otherwise inline them once per use
        cte.set("materialized", True)
    staging = table_ref("territoria_indicator_results")
    create = exp.Create(
        this=staging,
        kind="TABLE",
        replace=True,
        expression=query,
        properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
    )
    try:  # through a table: DuckDB 1.5.5 hung exporting a large UNION result to Arrow directly
        con.execute(create.sql(dialect=DIALECT))
        order = [exp.column(name, quoted=True) for name in [*_RESULT_ORDER, *dimensions]]
        read = exp.select(exp.Star()).from_(staging).order_by(*order)
        result = con.execute(read.sql(dialect=DIALECT)).to_arrow_table()
        con.execute(exp.Drop(tables=[staging], kind="TABLE", exists=True).sql(dialect=DIALECT))
    except duckdb.Error as exc:
        issues.append(_failed(spec, exc))
        return None
    return result.cast(schema)
