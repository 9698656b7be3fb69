"""Builders of common sqlglot expressions: quoted names, literals, selects over a version view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlglot import exp

OrderKey = tuple[str, bool]
"""A column name and whether the order is descending; NULLs sort last on every engine."""


def column(name: str) -> exp.Column:
    """A column reference, always quoted: any label a user gave stays a name, never SQL."""
    return exp.Column(this=exp.to_identifier(name, quoted=True))


def table(name: str) -> exp.Table:
    """A table or view reference, always quoted."""
    return exp.Table(this=exp.to_identifier(name, quoted=True))


def literal(value: Any) -> exp.Expression:
    """A Python value (str, int, float, bool, None, date…) as a SQL literal node."""
    return _node(exp.convert(value))


def equals(name: str, value: Any) -> exp.Expression:
    """``"name" = value``, or ``"name" IS NULL`` when value is None."""
    if value is None:
        return exp.Is(this=column(name), expression=exp.Null())
    return exp.EQ(this=column(name), expression=literal(value))


def all_of(*conditions: exp.Expression) -> exp.Expression | None:
    """The conjunction of ``conditions`` (None when there are none)."""
    if not conditions:
        return None
    return _node(exp.and_(*conditions))


def select_version(
    view: str,
    columns: Sequence[str] | None = None,
    *,
    where: exp.Expression | None = None,
    order_by: Sequence[OrderKey] = (),
    limit: int | None = None,
    offset: int | None = None,
) -> exp.Select:
    """``SELECT columns FROM view [WHERE] [ORDER BY] [LIMIT] [OFFSET]`` as a sqlglot tree."""
    projections: list[exp.Expression] = (
        [column(name) for name in columns] if columns else [exp.Star()]
    )
    query = exp.select(*projections).from_(table(view))
    if where is not None:
        query = query.where(where)
    if order_by:
        query = query.order_by(
            *(
                exp.Ordered(this=column(name), desc=desc, nulls_first=False)
                for name, desc in order_by
            )
        )
    if limit is not None:
        query = query.limit(exp.Literal.number(_non_negative(limit, "limit")))
    if offset is not None:
        query = query.offset(exp.Literal.number(_non_negative(offset, "offset")))
    return query


def count_rows(view: str, where: exp.Expression | None = None) -> exp.Select:
    """``SELECT COUNT(*) AS "count" FROM view [WHERE]``."""
    count = exp.alias_(exp.Count(this=exp.Star()), "count", quoted=True)
    query = exp.select(count).from_(table(view))
    return query.where(where) if where is not None else query


def _node(node: object) -> exp.Expression:
    """Narrow a sqlglot builder's result (typed loosely in recent sqlglot) to an Expression."""
    if not isinstance(node, exp.Expression):
        raise TypeError(f"expected a sqlglot Expression, got {type(node).__name__}")
    return node


def _non_negative(value: int, name: str) -> int:
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value
