"""The SQL of a batch: text domains (distinct values numbered), the scan grouping source rows
by integer codes, and each level's rows with every spec's value, numerator and denominator."""

from __future__ import annotations

from sqlglot import exp

from territoria.indicators.aggregation import values
from territoria.indicators.batches import Batch
from territoria.indicators.hierarchy import combos_view, expected_view, parents_view
from territoria.indicators.model import IndicatorSpec, PopulationDenominator
from territoria.indicators.sql_parts import (
    PARENTS,
    SOURCE,
    alias,
    as_double,
    as_text,
    col,
    conjunction,
    period_matches,
)

TERRITORY, PERIOD, COMBO = "t_code", "p_code", "combo"
"""Internal names of the grouped rows' key columns (dimension codes are ``k0``, ``k1``…)."""
ROWS, EXPECTED = "a", "e"


def _table(name: str, alias_name: str) -> exp.Table:
    return exp.Table(
        this=exp.to_identifier(name, quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(alias_name, quoted=True)),
    )


def _integer(node: exp.Expression) -> exp.Expression:
    return exp.Cast(this=node, to=exp.DataType.build("INTEGER"))


def _bigint(node: exp.Expression) -> exp.Expression:
    return exp.Cast(this=node, to=exp.DataType.build("BIGINT"))


def domain_query(view: str, column: str, granularity: str | None = None) -> exp.Select:
    """``(value, code)``: the distinct non-null texts of ``view.column`` numbered from 0 in
    sorted order (only periods in ``granularity``'s form when given)."""
    value = col("value")
    distinct = (
        exp.select(alias(as_text(col(column, SOURCE)), "value"))
        .from_(_table(view, SOURCE))
        .distinct()
    )
    keep: exp.Expression = exp.Not(this=exp.Is(this=value, expression=exp.Null()))
    if granularity is not None:
        keep = exp.And(this=keep, expression=period_matches(value, granularity))
    number = exp.Window(
        this=exp.RowNumber(), order=exp.Order(expressions=[exp.Ordered(this=value)])
    )
    code = _integer(exp.Sub(this=number, expression=exp.Literal.number(1)))
    return (
        exp.select(value, alias(code, "code"))
        .from_(exp.Subquery(this=distinct, alias=exp.TableAlias(this=exp.to_identifier("d"))))
        .where(keep)
    )


def scan_query(batch: Batch, periods: str, dimensions: list[str]) -> exp.Select:
    """The batch's source rows grouped by (territory, period, dimension) codes, Σ every
    measure: unknown territories and periods out of the granularity find no code and drop."""
    key = batch.key
    on_territory = exp.EQ(
        this=col(key.territory_column, SOURCE), expression=col("territory", PARENTS)
    )
    on_period = exp.EQ(this=as_text(col(key.period_column, SOURCE)), expression=col("value", "t"))
    query = (
        exp.select(alias(col("code", PARENTS), TERRITORY), alias(col("code", "t"), PERIOD))
        .select(alias(col(COMBO, PARENTS), COMBO))
        .from_(_table(key.view, SOURCE))
        .join(_table(parents_view(key.level), PARENTS), on=on_territory, join_type="inner")
        .join(_table(periods, "t"), on=on_period, join_type="inner")
    )
    # the combination of ancestors depends on the territory: grouping by it changes no group,
    # and spares the levels above a join of every row with its ancestors
    groups: list[exp.Expression] = [col("code", PARENTS), col("code", "t"), col(COMBO, PARENTS)]
    for number, (name, domain) in enumerate(zip(key.dimensions, dimensions, strict=True)):
        other = f"k{number}"
        on = exp.EQ(this=as_text(col(name, SOURCE)), expression=col("value", other))
        query = query.join(_table(domain, other), on=on, join_type="left")
        query = query.select(alias(col("code", other), other))
        groups.append(col("code", other))
    for name, node in batch.measures.values():
        query = query.select(alias(node, name))
    test = conjunction(batch.specs[0].filters)
    if test is not None:
        query = query.where(test)
    return query.group_by(*groups)


def _keys(batch: Batch) -> list[str]:
    return [TERRITORY, PERIOD] + [f"k{n}" for n in range(len(batch.key.dimensions))]


def _in_result_order(batch: Batch, query: exp.Select) -> exp.Select:
    """``query`` ordered as the results dataset is: by territory, period, then the dimensions
    by name. Codes are numbered in their texts' order (territories in ``hierarchy``, domains
    above), so ordering by codes orders by text, at the cost of sorting integers."""
    names = sorted(range(len(batch.key.dimensions)), key=lambda n: batch.key.dimensions[n])
    keys = [TERRITORY, PERIOD, *(f"k{n}" for n in names)]
    return query.order_by(*(col(name, ROWS) for name in keys))


def exported_parts(spec: IndicatorSpec) -> str:
    """Which of value, numerator, denominator (``v``, ``n``, ``d``) leave the engine for
    ``spec``: without a denominator the denominator is null, and at scale 1 the value is the
    numerator itself (x × 1.0 = x), so neither is exported again (the caller rebuilds them)."""
    if spec.has_denominator:
        return "vnd"
    return "n" if float(spec.scale) == 1.0 else "vn"


def _with_values(batch: Batch, query: exp.Select, population: exp.Expression) -> exp.Select:
    """``query`` (over ``a``, the summed rows) with ``v{i}``, ``n{i}``, ``d{i}``: value,
    numerator and denominator of the batch's i-th spec, recomputed from the sums (only the
    :func:`exported_parts`)."""
    for number, spec in enumerate(batch.specs):
        num, den = batch.parts[spec.id]
        denominator = col(den, ROWS) if den else as_double(exp.Null())
        parts = values(spec, col(num, ROWS), denominator, population)
        wanted = exported_parts(spec)
        for prefix, node in zip("vnd", parts, strict=True):
            if prefix in wanted:
                query = query.select(alias(node.this, f"{prefix}{number}"))
    return query


def source_query(batch: Batch, scan: exp.Select) -> exp.Select:
    """The source-level rows: the scan's codes and sums, every spec's values (a source-level
    territory's whole population is its own; its coverage, 1 of 1, is not exported)."""
    query = exp.select(*(col(name, ROWS) for name in _keys(batch)), col(COMBO, ROWS)).from_(
        exp.Subquery(this=scan, alias=exp.TableAlias(this=exp.to_identifier(ROWS)))
    )
    population = col(batch.population, ROWS) if batch.population else as_double(exp.Null())
    return _in_result_order(batch, _with_values(batch, query, population))


def _exported(batch: Batch) -> dict[str, str]:
    """Measure → the source-level column that holds it (a numerator, a denominator, or the
    population standing for an ``over: all`` denominator), so no measure is exported twice."""
    found: dict[str, str] = {}
    for number, spec in enumerate(batch.specs):
        num, den = batch.parts[spec.id]
        found.setdefault(num, f"n{number}")
        if den:
            found.setdefault(den, f"d{number}")
        elif batch.population and isinstance(spec.denominator, PopulationDenominator):
            found.setdefault(batch.population, f"d{number}")  # over: all
    return found


def combos_query(batch: Batch, rows: str) -> exp.Select:
    """The source-level rows summed per combination of ancestors (EPCI, département…, a few
    thousand): every level above is summed from these, exactly as from the rows themselves."""
    keys = [col(name, ROWS) for name in [COMBO, *_keys(batch)[1:]]]
    columns = _exported(batch)
    sums = [
        alias(exp.Sum(this=col(columns[name], ROWS)), name) for name, _ in batch.measures.values()
    ]
    return (
        exp.select(*keys, *sums, alias(exp.Count(this=exp.Star()), "contributeurs"))
        .from_(_table(rows, ROWS))
        .group_by(*keys)
    )


def level_query(batch: Batch, combos: str, level: str) -> exp.Select:
    """The rows of ``level`` (one the source level aggregates to) from the ancestor
    combinations: codes, coverage, then every spec's values recomputed from the sums, never
    averaged."""
    target = col(f"{level}_code", "c")
    keys = [col(name, ROWS) for name in _keys(batch)[1:]]
    measures = [name for name, _ in batch.measures.values()]
    inner = (
        exp.select(alias(target, TERRITORY), *keys)
        .select(*(alias(exp.Sum(this=col(name, ROWS)), name) for name in measures))
        .select(alias(exp.Sum(this=col("contributeurs", ROWS)), "contributeurs"))
        .from_(_table(combos, ROWS))
        .join(
            _table(combos_view(batch.key.level), "c"),
            on=exp.EQ(this=col(COMBO, ROWS), expression=col(COMBO, "c")),
            join_type="inner",
        )
        .where(exp.Not(this=exp.Is(this=target, expression=exp.Null())))
        .group_by(target, *keys)
    )
    query = (
        exp.select(*(col(name, ROWS) for name in _keys(batch)))
        .select(alias(_bigint(col("contributeurs", ROWS)), "contributeurs"))
        .select(alias(_bigint(col("attendus", EXPECTED)), "attendus"))
        .from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier(ROWS))))
        .join(
            _table(expected_view(batch.key.level), EXPECTED),
            on=exp.EQ(this=col(TERRITORY, ROWS), expression=col("code", EXPECTED)),
            join_type="inner",
        )
    )
    return _in_result_order(batch, _with_values(batch, query, col("population", EXPECTED)))
