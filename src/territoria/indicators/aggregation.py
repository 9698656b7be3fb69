"""Aggregate an indicator's source-level rows up the COG in SQL: sums of numerators and
denominators per ancestor (one pass over the source-level rows, then tiny roll-ups), values
recomputed from those sums — never an average of ratios — with coverage counts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from territoria.engine.sql import literal
from territoria.indicators.hierarchy import TARGET_LEVELS, expected_view, parents_view
from territoria.indicators.model import IndicatorSpec, PopulationDenominator
from territoria.indicators.sql_parts import PARENTS, alias, as_double, col, null_text

BASE = "territoria_indicator_rows"
MID = "territoria_indicator_ancestors"
MEASURES = ("numerateur", "denominateur", "contributeurs")
RESULT_TAIL = ("valeur", "numerateur", "denominateur", "contributeurs", "attendus")


def _table(name: str, alias_name: str | None = None) -> exp.Table:
    return exp.Table(
        this=exp.to_identifier(name, quoted=True),
        alias=exp.TableAlias(this=exp.to_identifier(alias_name, quoted=True))
        if alias_name
        else None,
    )


def _sums(table: str) -> list[exp.Expression]:
    return [alias(exp.Sum(this=col(name, table)), name) for name in MEASURES]


def aggregate(
    spec: IndicatorSpec, source_rows: exp.Select, dimensions: Sequence[str]
) -> exp.Select:
    """Result rows of ``spec`` (the results dataset's columns, ``dimensions`` being every
    dimension of the computation, sorted) for its source level and every level above."""
    level = spec.territory.level
    targets = TARGET_LEVELS[level]
    keys = ["periode", *spec.dimensions]
    base = exp.select(
        *(col(name, "b") for name in ("territoire", *keys)),
        col("numerateur", "b"),
        col("denominateur", "b"),
        alias(exp.Literal.number(1), "contributeurs"),
    ).from_(exp.Subquery(this=source_rows, alias=exp.TableAlias(this=_quoted("b"))))
    query = exp.select(*(col(name) for name in ("territoire", *keys, *MEASURES))).from_(
        _table(BASE)
    )
    query = query.select(alias(literal(level), "niveau"))
    rolled: list[exp.Select] = [query]
    if targets:
        ancestors = [col(target, PARENTS) for target in targets]
        mid = (
            exp.select(*ancestors, *(col(name, "r") for name in keys), *_sums("r"))
            .from_(_table(BASE, "r"))
            .join(
                _table(parents_view(level), PARENTS),
                on=exp.EQ(this=col("territoire", "r"), expression=col("territory", PARENTS)),
                join_type="inner",
            )
            .group_by(*ancestors, *(col(name, "r") for name in keys))
        )
        for target in targets:
            rolled.append(
                exp.select(alias(col(target, "m"), "territoire"), *(col(n, "m") for n in keys))
                .select(*_sums("m"), alias(literal(target), "niveau"))
                .from_(_table(MID, "m"))
                .where(exp.Not(this=exp.Is(this=col(target, "m"), expression=exp.Null())))
                .group_by(col(target, "m"), *(col(n, "m") for n in keys))
            )
    union: exp.Expression = rolled[0]
    for part in rolled[1:]:
        union = exp.Union(this=union, expression=part, distinct=False)
    final = _final(spec, dimensions, union)
    final = final.with_(_quoted(BASE), as_=base)
    if targets:
        final = final.with_(_quoted(MID), as_=mid)
    return final


def values(
    spec: IndicatorSpec,
    numerator: exp.Expression,
    denominator: exp.Expression,
    population: exp.Expression,
) -> list[exp.Expression]:
    """``valeur``, ``numerateur``, ``denominateur`` of ``spec`` from the summed parts (the
    population of the whole territory replaces the denominator for ``over: all``)."""
    if isinstance(spec.denominator, PopulationDenominator) and spec.denominator.over == "all":
        denominator = population
    elif not spec.has_denominator:
        denominator = as_double(exp.Null())
    scale = exp.Literal.number(repr(float(spec.scale)))
    if spec.has_denominator:
        empty = exp.Or(
            this=exp.Is(this=denominator, expression=exp.Null()),
            expression=exp.EQ(this=denominator, expression=exp.Literal.number(0)),
        )
        ratio = exp.Mul(this=exp.Div(this=numerator, expression=denominator), expression=scale)
        value: exp.Expression = exp.Case(
            ifs=[exp.If(this=empty, true=as_double(exp.Null()))], default=ratio
        )
    else:
        value = exp.Mul(this=numerator, expression=scale)
    return [
        alias(as_double(value), "valeur"),
        alias(as_double(numerator), "numerateur"),
        alias(as_double(denominator), "denominateur"),
    ]


def _final(spec: IndicatorSpec, dimensions: Sequence[str], union: exp.Expression) -> exp.Select:
    dims = [
        alias(col(name, "a") if name in spec.dimensions else null_text(), name)
        for name in dimensions
    ]
    return (
        exp.select(
            alias(literal(spec.id), "indicateur"),
            col("territoire", "a"),
            col("niveau", "a"),
            col("periode", "a"),
            *dims,
            *values(spec, col("numerateur", "a"), col("denominateur", "a"), col("population", "e")),
            alias(
                exp.Cast(this=col("contributeurs", "a"), to=exp.DataType.build("BIGINT")),
                "contributeurs",
            ),
            alias(exp.Cast(this=col("attendus", "e"), to=exp.DataType.build("BIGINT")), "attendus"),
        )
        .from_(exp.Subquery(this=union, alias=exp.TableAlias(this=_quoted("a"))))
        .join(
            _table(expected_view(spec.territory.level), "e"),
            on=exp.EQ(this=col("territoire", "a"), expression=col("territoire", "e")),
            join_type="inner",
        )
    )


def _quoted(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)
