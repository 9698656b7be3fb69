"""What a grouped query may not show: a field neither inside an aggregate nor a group key."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

AGGREGATES_BY_NAME = frozenset({"quantile_cont", "st_extent_agg", "st_union_agg"})
"""Aggregates our compiler calls by name (exp.Anonymous), besides sqlglot's AggFunc nodes."""


def ungrouped_fields(node: exp.Expression, keys: Sequence[exp.Expression]) -> list[str]:
    """Stored columns of ``node`` read outside any aggregate and outside any group key.

    ``sum(montant) / count(*)`` has none; ``count(*) + montant`` has ``montant``, which SQL
    cannot show per group; ``year(d) + count(*)`` has none when ``year(d)`` is a key.
    """
    found: list[str] = []
    stack = [node]
    while stack:
        part = stack.pop()
        if isinstance(part, exp.AggFunc):
            continue
        if isinstance(part, exp.Anonymous) and str(part.this).lower() in AGGREGATES_BY_NAME:
            continue
        if any(part == key for key in keys):
            continue
        if isinstance(part, exp.Column):
            found.append(part.name)
            continue
        stack.extend(part.iter_expressions())
    return found
