"""Conjuncts of a WHERE clause that read one column and nothing else (``LIKE``, ranges,
functions of that column): true or false for each of its values, whatever the row.

Such a conjunct can be decided once per distinct value instead of once per row: on a column
of 35,000 codes over a million rows, a "contains" filter is evaluated 35,000 times, and the
rows whose value passed are then read by position. Equalities are left to
:mod:`territoria.engine.equalities`, whose index lookups need no evaluation at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from territoria.engine.equalities import conjuncts, equality

VALUE = "v"
"""The column a predicate reads once rewritten over a table of distinct values."""

UNSTABLE = (
    exp.AggFunc,
    exp.Window,
    exp.Subquery,
    exp.Select,
    exp.Rand,
    exp.CurrentDate,
    exp.CurrentTime,
    exp.CurrentTimestamp,
)
"""Nodes whose truth is not a function of the value alone (aggregates, windows, subqueries,
randomness, the clock: evaluated apart, a millisecond later, they could differ)."""


@dataclass(frozen=True)
class ColumnPredicate:
    """``node`` reads only ``column``; :func:`over_values` rewrites it to read ``v``."""

    column: str
    node: exp.Expression


def _single_column(node: exp.Expression) -> str | None:
    names = {column.name for column in node.find_all(exp.Column)}
    if len(names) != 1 or any(column.table for column in node.find_all(exp.Column)):
        return None
    if any(node.find_all(*UNSTABLE)):
        return None
    return names.pop() or None


def column_predicates(where: exp.Expression | None) -> list[ColumnPredicate]:
    """The conjuncts of ``where`` that read exactly one column, equalities excepted."""
    found = []
    for part in conjuncts(where):
        if equality(part) is not None:
            continue
        name = _single_column(part)
        if name is not None:
            found.append(ColumnPredicate(name, part))
    return found


def over_values(predicate: ColumnPredicate) -> exp.Expression:
    """The predicate reading the column ``v`` of a table of the column's distinct values."""

    def rename(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and node.name == predicate.column:
            return exp.column(VALUE, quoted=True)
        return node

    return predicate.node.copy().transform(rename)
