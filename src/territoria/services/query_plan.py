"""What a compiled select allows an index to do: shape checks and rewrites of its AST.

A select that only filters, projects row by row and pages can be answered from the rows an
index found: its page is a slice of them and its count their number. Anything else
(groups, order, distinct, aggregates) needs all matching rows in an engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
from sqlglot import exp


def _literal_int(node: exp.Expression | None) -> int | None:
    value = node.args.get("expression") if isinstance(node, exp.Limit | exp.Offset) else node
    if isinstance(value, exp.Literal) and not value.is_string and str(value.this).isdigit():
        return int(str(value.this))
    return None


def page_of(select: exp.Select) -> tuple[int | None, int] | None:
    """``(limit, offset)`` of ``select`` (limit None: none), or None when not literal."""
    limit, offset = select.args.get("limit"), select.args.get("offset")
    lim = None if limit is None else _literal_int(limit)
    off = 0 if offset is None else _literal_int(offset)
    if (limit is not None and lim is None) or off is None:
        return None
    return lim, off


@dataclass(frozen=True)
class Shape:
    """What one walk of a select's tree tells (walking it once per question cost half a
    millisecond a request): whether it reads ``view`` alone, without joins or subqueries,
    and whether it also keeps or drops each row on its own, with a literal page."""

    reads_only: bool
    rowwise: bool


def _parts(select: exp.Select) -> Iterator[object]:
    """The nodes of ``select`` that may hold tables, subqueries or aggregates: a column or an
    aliased column of the select list holds none, so its subtree is not walked (the select
    list of ``select=*`` is most of the tree)."""
    for key, value in select.args.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, exp.Expression):
                continue
            if key == "expressions" and _is_column(item):
                continue
            yield from item.walk()


def _is_column(item: exp.Expression) -> bool:
    return isinstance(item, exp.Column) or (
        isinstance(item, exp.Alias) and isinstance(item.this, exp.Column)
    )


def shape(select: exp.Select, view: str) -> Shape:
    """The :class:`Shape` of ``select`` over ``view``."""
    tables = 0
    nested = aggregates = False
    for node in _parts(select):
        if isinstance(node, exp.Table):
            tables += 1
            nested |= node.name != view
        elif isinstance(node, exp.Select | exp.Subquery) and node is not select:
            nested = True
        elif isinstance(node, exp.AggFunc | exp.Window):
            aggregates = True
    alone = tables == 1 and not nested and not select.args.get("joins")
    clauses = ("group", "having", "order", "distinct", "qualify", "with")
    rowwise = (
        alone
        and not aggregates
        and not any(select.args.get(k) for k in clauses)
        and page_of(select) is not None
    )
    return Shape(alone, rowwise)


def plain(select: exp.Select) -> bool:
    """Whether each selected item is a column, an aliased column or ``*``."""
    return all(
        isinstance(e, exp.Star | exp.Column)
        or (isinstance(e, exp.Alias) and isinstance(e.this, exp.Column))
        for e in select.expressions
    ) and not any(
        isinstance(e, exp.Column) and isinstance(e.this, exp.Star) for e in select.expressions
    )


def project(rows: pa.Table, select: exp.Select) -> pa.Table:
    """The items of a :func:`plain` select taken from ``rows`` (named as DuckDB names them)."""
    columns, names = [], []
    for item in select.expressions:
        if isinstance(item, exp.Star):
            columns.extend(rows.columns)
            names.extend(rows.column_names)
            continue
        source = item.this if isinstance(item, exp.Alias) else item
        columns.append(rows.column(source.name))
        names.append(item.alias_or_name)
    return pa.Table.from_arrays(columns, names=names)


def counts_rows_of(count: exp.Select, rows: exp.Select, view: str) -> bool:
    """Whether ``count`` is ``SELECT COUNT(*) FROM view`` with the very WHERE of ``rows``."""
    if len(count.expressions) != 1 or not shape(count, view).reads_only:
        return False
    item = count.expressions[0]
    item = item.this if isinstance(item, exp.Alias) else item
    if not (isinstance(item, exp.Count) and isinstance(item.this, exp.Star)):
        return False
    if any(
        count.args.get(k) for k in ("group", "having", "distinct", "qualify", "limit", "offset")
    ):
        return False
    return count.args.get("where") == rows.args.get("where")


def retarget(select: exp.Select, view: str, name: str, *, drop_offset: bool = False) -> exp.Select:
    """``select`` reading the table ``name`` instead of ``view`` (and without its offset)."""

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and node.name == view:
            alias = node.args.get("alias") or exp.TableAlias(
                this=exp.to_identifier(view, quoted=True)
            )
            return exp.Table(this=exp.to_identifier(name, quoted=True), alias=alias)
        return node

    moved = select.transform(swap)
    assert isinstance(moved, exp.Select)
    if drop_offset:
        moved.set("offset", None)
    return moved
