"""Equalities a WHERE clause imposes: ``col = literal`` and ``col IN (literals)`` conjuncts.

An index answers such conjuncts without a scan. ``exact`` tells whether they are the whole
clause (the index alone gives the matching rows) or only part of it (the index gives a
superset of candidates and the clause must still be applied to them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlglot import exp

Value = str | int | dt.date
"""Literal values an index may look up (text, whole numbers, dates; never floats)."""


@dataclass(frozen=True)
class Equality:
    """The column must equal one of ``values``."""

    column: str
    values: tuple[Value, ...]


def conjuncts(where: exp.Expression | None) -> list[exp.Expression]:
    """The AND-ed parts of ``where`` (parentheses and nested ANDs flattened)."""
    if where is None:
        return []
    node = where.this if isinstance(where, exp.Where) else where
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.And):
        return conjuncts(node.this) + conjuncts(node.expression)
    return [node]


def _value(node: exp.Expression) -> Value | None:
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.DATE):
        text = node.this
        if isinstance(text, exp.Literal) and text.is_string:
            try:
                return dt.date.fromisoformat(str(text.this))
            except ValueError:
                return None
        return None
    negative = isinstance(node, exp.Neg)
    if negative:
        node = node.this
    if not isinstance(node, exp.Literal):
        return None
    if node.is_string:
        return None if negative else str(node.this)
    try:
        number = int(str(node.this))
    except ValueError:
        return None  # a decimal or exponent: equality on floats is left to the scan
    return -number if negative else number


def _column(node: exp.Expression) -> str | None:
    while isinstance(node, exp.Paren):
        node = node.this
    return node.name if isinstance(node, exp.Column) and node.name else None


def equality(node: exp.Expression) -> Equality | None:
    """``node`` as an :class:`Equality`, or None when it is anything else."""
    if isinstance(node, exp.EQ):
        for left, right in ((node.this, node.expression), (node.expression, node.this)):
            name, value = _column(left), _value(right)
            if name is not None and value is not None:
                return Equality(name, (value,))
        return None
    if isinstance(node, exp.In) and not node.args.get("query") and not node.args.get("unnest"):
        name = _column(node.this)
        values = [_value(item) for item in node.expressions]
        if name is None or not values or any(v is None for v in values):
            return None
        return Equality(name, tuple(v for v in values if v is not None))
    return None


def equalities(where: exp.Expression | None) -> tuple[list[Equality], bool]:
    """The equalities among ``where``'s conjuncts, and whether they are all of it."""
    found: list[Equality] = []
    exact = True
    for part in conjuncts(where):
        match = equality(part)
        if match is None:
            exact = False
        else:
            found.append(match)
    return found, exact
