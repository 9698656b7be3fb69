"""Small sqlglot builders of the indicator SQL: qualified columns, filters, period patterns."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from territoria.engine.sql import literal
from territoria.indicators.model import GRANULARITY_PATTERNS, Filter

SOURCE = "s"
"""Alias of the source view in compiled queries."""
PARENTS = "p"
"""Alias of the parents view (source-level territories with ancestors and population)."""


def col(name: str, table: str | None = None) -> exp.Column:
    """A quoted column, qualified by ``table`` when given."""
    return exp.Column(
        this=exp.to_identifier(name, quoted=True),
        table=exp.to_identifier(table, quoted=True) if table else None,
    )


def qualify(tree: exp.Expression, table: str) -> exp.Expression:
    """``tree`` with every bare column qualified by ``table``."""

    def _qualify(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table:
            return col(node.name, table)
        return node

    return tree.transform(_qualify)


def as_double(node: exp.Expression) -> exp.Expression:
    """``CAST(node AS DOUBLE)``."""
    return exp.Cast(this=node, to=exp.DataType.build("DOUBLE"))


def as_text(node: exp.Expression) -> exp.Expression:
    """``CAST(node AS VARCHAR)`` (STRING on Spark)."""
    return exp.Cast(this=node, to=exp.DataType.build("VARCHAR"))


def null_text() -> exp.Expression:
    """A typed NULL text (a dimension the indicator has not)."""
    return as_text(exp.Null())


def condition(item: Filter, table: str | None = SOURCE) -> exp.Expression:
    """One filter as a boolean expression over ``table``'s columns."""
    subject = col(item.column, table)
    value = item.value
    if item.op == "is-null":
        return exp.Is(this=subject, expression=exp.Null())
    if item.op == "not-null":
        return exp.Not(this=exp.Is(this=subject, expression=exp.Null()))
    if item.op in ("in", "not-in"):
        values = value if isinstance(value, list) else [value]
        test = exp.In(this=subject, expressions=[literal(v) for v in values])
        return exp.Not(this=test) if item.op == "not-in" else test
    comparisons: dict[str, type[exp.Expression]] = {
        "eq": exp.EQ, "ne": exp.NEQ, "gt": exp.GT, "ge": exp.GTE, "lt": exp.LT, "le": exp.LTE,
    }  # fmt: skip
    return comparisons[item.op](this=subject, expression=literal(value))


def conjunction(filters: Sequence[Filter], table: str | None = SOURCE) -> exp.Expression | None:
    """The filters AND-ed (None when there are none)."""
    if not filters:
        return None
    node: exp.Expression = condition(filters[0], table)
    for item in filters[1:]:
        node = exp.And(this=node, expression=condition(item, table))
    return node


def period_matches(subject: exp.Expression, granularity: str) -> exp.Expression:
    """``subject`` is a period in ``granularity``'s text form (anchored regex)."""
    return exp.RegexpLike(this=subject, expression=literal(GRANULARITY_PATTERNS[granularity]))


def when(test: exp.Expression | None, value: exp.Expression) -> exp.Expression:
    """``CASE WHEN test THEN value END`` (value itself when there is no test)."""
    if test is None:
        return value
    return exp.Case(ifs=[exp.If(this=test, true=value)])


def alias(node: exp.Expression, name: str) -> exp.Alias:
    """``node AS "name"``."""
    return exp.Alias(this=node, alias=exp.to_identifier(name, quoted=True))
