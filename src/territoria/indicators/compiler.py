"""Compile one indicator spec to the sqlglot query of its source-level rows: territory, period,
dimensions, Σnumerator, Σdenominator — only known territories of the declared level and periods
in the declared granularity."""

from __future__ import annotations

from collections.abc import Mapping

from sqlglot import exp

from territoria.engine.sql import literal, table
from territoria.indicators.expressions import parse_expr
from territoria.indicators.hierarchy import parents_view
from territoria.indicators.model import (
    ColumnMeasure,
    CountMeasure,
    ExprMeasure,
    Filter,
    IndicatorMeasure,
    IndicatorSpec,
    PopulationDenominator,
)
from territoria.indicators.sql_parts import (
    PARENTS,
    SOURCE,
    alias,
    as_double,
    as_text,
    col,
    conjunction,
    period_matches,
    qualify,
    when,
)

KEYS = ("territoire", "periode")
OwnMeasure = ColumnMeasure | ExprMeasure | CountMeasure


def compile_spec(
    spec: IndicatorSpec,
    source_view: str,
    *,
    references: Mapping[str, tuple[IndicatorSpec, str]] | None = None,
) -> exp.Select:
    """The source-level rows of ``spec`` read from ``source_view``; ``references`` maps an id
    named by ``{indicator: id}`` to that spec and its source view."""
    numerator, denominator = spec.numerator, spec.denominator
    if spec.kind == "share" and denominator is None:
        denominator = numerator.model_copy(update={"filters": []})
    if isinstance(numerator, IndicatorMeasure) or isinstance(denominator, IndicatorMeasure):
        return _joined(spec, source_view, numerator, denominator, references or {})
    query = _scan(spec, source_view, numerator, "numerateur")
    return query.select(alias(denominator_sum(denominator), "denominateur"))


def _scan(spec: IndicatorSpec, view: str, measure: OwnMeasure, name: str) -> exp.Select:
    """``SELECT keys, dims, SUM(measure) FROM view JOIN parents WHERE filters GROUP BY``."""
    territory = col(spec.territory.column, SOURCE)
    period = col(spec.period.column, SOURCE)
    keys: list[exp.Expression] = [territory, as_text(period)]
    keys += [as_text(col(dim, SOURCE)) for dim in spec.dimensions]
    names = [*KEYS, *spec.dimensions]
    projections = [alias(key, key_name) for key, key_name in zip(keys, names, strict=True)]
    where: exp.Expression = period_matches(as_text(period), spec.period.granularity)
    spec_filters = conjunction(spec.filters)
    if spec_filters is not None:
        where = exp.And(this=exp.Paren(this=spec_filters), expression=where)
    source = exp.Table(
        this=exp.to_identifier(view, quoted=True), alias=exp.TableAlias(this=_ident(SOURCE))
    )
    parents = exp.Table(
        this=exp.to_identifier(parents_view(spec.territory.level), quoted=True),
        alias=exp.TableAlias(this=_ident(PARENTS)),
    )
    on = exp.EQ(this=territory, expression=col("territory", PARENTS))
    return (
        exp.select(*projections, alias(measure_sum(measure), name))
        .from_(source)
        .join(parents, on=on, join_type="inner")
        .where(where)
        .group_by(*keys)
    )


def _value(measure: OwnMeasure) -> exp.Expression:
    if isinstance(measure, ColumnMeasure):
        return as_double(col(measure.column, SOURCE))
    if isinstance(measure, ExprMeasure):
        return as_double(exp.Paren(this=qualify(parse_expr(measure.expr), SOURCE)))
    return exp.Literal.number(1)


def measure_sum(measure: OwnMeasure) -> exp.Expression:
    """Σ of the measure over the rows its own filters keep (0 when they keep none)."""
    test = conjunction(measure.filters)
    total = exp.Sum(this=when(test, _value(measure)))
    if test is None:
        return total
    return exp.Coalesce(this=total, expressions=[exp.Literal.number(0)])


def denominator_sum(measure: OwnMeasure | PopulationDenominator | None) -> exp.Expression:
    if measure is None:
        return as_double(exp.Null())
    if isinstance(measure, PopulationDenominator):  # constant per territory: not summed
        return exp.Max(this=col("population", PARENTS))
    return measure_sum(measure)


def _joined(
    spec: IndicatorSpec,
    view: str,
    numerator: OwnMeasure | IndicatorMeasure,
    denominator: OwnMeasure | IndicatorMeasure | PopulationDenominator | None,
    references: Mapping[str, tuple[IndicatorSpec, str]],
) -> exp.Select:
    """Numerator and denominator from different relations, full-outer-joined on the keys."""
    names = [*KEYS, *spec.dimensions]
    num = _relation(spec, view, numerator, references)
    if denominator is None or isinstance(denominator, PopulationDenominator):
        den_value: exp.Expression = (
            as_double(exp.Null()) if denominator is None else col("population", PARENTS)
        )
        query = exp.select(
            *(alias(col(n, "n"), n) for n in names), alias(col("v", "n"), "numerateur")
        )
        query = query.select(alias(den_value, "denominateur")).from_(
            exp.Subquery(this=num, alias=exp.TableAlias(this=_ident("n")))
        )
        if denominator is not None:
            parents = exp.Table(
                this=exp.to_identifier(parents_view(spec.territory.level), quoted=True),
                alias=exp.TableAlias(this=_ident(PARENTS)),
            )
            on_parent = exp.EQ(this=col("territoire", "n"), expression=col("territory", PARENTS))
            query = query.join(parents, on=on_parent, join_type="inner")
        return query
    den = _relation(spec, view, denominator, references)
    on_parts = [exp.NullSafeEQ(this=col(n, "n"), expression=col(n, "d")) for n in names]
    matched: exp.Expression = on_parts[0]
    for part in on_parts[1:]:
        matched = exp.And(this=matched, expression=part)
    keys = [alias(exp.Coalesce(this=col(n, "n"), expressions=[col(n, "d")]), n) for n in names]
    return (
        exp.select(*keys, alias(col("v", "n"), "numerateur"), alias(col("v", "d"), "denominateur"))
        .from_(exp.Subquery(this=num, alias=exp.TableAlias(this=_ident("n"))))
        .join(
            exp.Subquery(this=den, alias=exp.TableAlias(this=_ident("d"))),
            on=matched,
            join_type="full",
        )
    )


def _relation(
    spec: IndicatorSpec,
    view: str,
    measure: OwnMeasure | IndicatorMeasure,
    references: Mapping[str, tuple[IndicatorSpec, str]],
) -> exp.Select:
    """``(territoire, periode, dims…, v)`` for one measure of ``spec``."""
    if not isinstance(measure, IndicatorMeasure):
        return _scan(spec, view, measure, "v")
    other, other_view = references[measure.indicator]
    inner = compile_spec(other, other_view, references=references)
    names = [*KEYS, *spec.dimensions]
    filters: list[Filter] = measure.filters
    query = exp.select(
        *(col(n, "r") for n in names), alias(exp.Sum(this=col("numerateur", "r")), "v")
    )
    query = query.from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=_ident("r"))))
    test = conjunction(filters, "r")
    if test is not None:
        query = query.where(test)
    return query.group_by(*(col(n, "r") for n in names))


def _ident(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


__all__ = ["KEYS", "compile_spec", "denominator_sum", "literal", "measure_sum", "table"]
