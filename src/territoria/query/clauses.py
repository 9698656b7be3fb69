"""Each clause of a request in its scope: where (+ refine/exclude), group_by, select."""

from __future__ import annotations

from lark import Tree
from sqlglot import exp

from territoria.query import refine
from territoria.query.aggregation import ungrouped_fields
from territoria.query.expressions import compile_condition
from territoria.query.grammar import parse
from territoria.query.grouping import group_key
from territoria.query.projection import Item, _fields, alias_name, select_items, source_text
from territoria.query.request import RecordsRequest
from territoria.query.typed import Scope


def where_conditions(request: RecordsRequest, scope: Scope) -> list[exp.Expression]:
    """The filters of the request: each ``where`` (ANDed), then each refine and exclude."""
    conditions: list[exp.Expression] = []
    scope.allow_aggregates = False
    for text in request.where:
        if not text.strip():
            continue
        scope.clause = "where"
        tree = parse(text, "where")
        conditions.append(exp.Paren(this=compile_condition(tree.children[0], scope).node))
    for spec in request.refine:
        scope.clause = "refine"
        conditions.append(refine.condition(spec, scope))
    for spec in request.exclude:
        scope.clause = "exclude"
        conditions.append(refine.condition(spec, scope, exclude=True))
    return conditions


def group_items(request: RecordsRequest, scope: Scope) -> tuple[list[Item], list[exp.Expression]]:
    """The group keys and the filters bounded ranges add (rows outside every bucket)."""
    if not (request.group_by or "").strip():
        return [], []
    scope.clause, scope.allow_aggregates = "group_by", False
    text = request.group_by or ""
    keys: list[Item] = []
    filters: list[exp.Expression] = []
    for node in parse(text, "group_by").children:
        assert isinstance(node, Tree)
        expression, _as, alias = node.children
        assert expression is not None
        key, inside = group_key(expression, scope)
        keys.append(Item(alias_name(alias) or source_text(expression, text), key))
        if inside is not None:
            filters.append(inside)
    _unique(keys, scope)
    return keys, filters


def output_items(
    request: RecordsRequest, keys: list[Item], scope: Scope
) -> tuple[list[Item], bool]:
    """The outputs: group keys first when grouping, then the select list; and whether grouped."""
    scope.clause, scope.allow_aggregates = "select", True
    text = request.select or ""
    if text.strip():
        items = select_items(parse(text, "select"), text, scope)
    else:
        items = [] if keys else _fields(list(scope.fields), scope)
    grouped = bool(keys) or any(item.value.aggregate for item in items)
    if not grouped:
        _unique(items, scope)
        return items, False
    key_names = {key.name for key in keys}
    key_nodes = [key.value.node for key in keys]
    outputs = list(keys)
    for item in items:
        if item.name in key_names:
            continue
        if ungrouped_fields(item.value.node, key_nodes):
            raise scope.error(
                f"« {item.name} » doit être un agrégat ou figurer dans group_by",
                f"'{item.name}' must be an aggregate or appear in group_by",
                item.name,
            )
        outputs.append(item)
    _unique(outputs, scope)
    return outputs, True


def _unique(items: list[Item], scope: Scope) -> None:
    seen: set[str] = set()
    for item in items:
        if item.name in seen:
            raise scope.error(
                f"le nom « {item.name} » est donné deux fois",
                f"the name '{item.name}' is given twice",
                item.name,
            )
        seen.add(item.name)
