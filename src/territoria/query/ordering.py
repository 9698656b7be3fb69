"""order_by: output names (aliases, expression texts), expressions, aggregates and random(seed)."""

from __future__ import annotations

from lark import Token, Tree
from sqlglot import exp

from territoria.query.aggregation import ungrouped_fields
from territoria.query.expressions import compile_expression, name_of
from territoria.query.functions import argument
from territoria.query.grammar import parse
from territoria.query.projection import Item, source_text
from territoria.query.request import RecordsRequest
from territoria.query.typed import Scope, column, literal


def order_terms(
    request: RecordsRequest, items: list[Item], grouped: bool, scope: Scope
) -> list[exp.Ordered]:
    """``order_by`` terms: an output name (alias or expression text), else an expression."""
    text = request.order_by or ""
    if not text.strip():
        return []
    scope.clause, scope.allow_aggregates = "order_by", grouped
    by_name = {item.name: item for item in items}
    terms: list[exp.Ordered] = []
    for node in parse(text, "order_by").children:
        assert isinstance(node, Tree)
        expression, direction = node.children
        assert expression is not None
        desc = direction is not None and str(direction).lower() == "desc"
        name = _output_name(expression, text)
        if isinstance(expression, Tree) and _is_random(expression):
            keys = [i.value.node for i in items if not i.value.aggregate] if grouped else None
            terms.append(exp.Ordered(this=random_order(expression, keys, scope), desc=desc))
            continue
        if name in by_name:
            named = by_name[name].value  # a range() bucket sorts by its start, not its label
            target: exp.Expression = (
                named.node.copy()
                if named.display is not None
                else exp.Column(this=exp.to_identifier(name, quoted=True))
            )
        else:
            value = compile_expression(expression, scope)
            if not value.aggregate and value.node.find(exp.Column) is None:
                shown = source_text(expression, text)  # ORDER BY 1 means "the first column"
                raise scope.error(
                    f"« {shown} » : order_by trie par un champ ou un agrégat",
                    f"'{shown}': order_by sorts by a field or an aggregate",
                    shown,
                )
            key_nodes = [i.value.node for i in items if not i.value.aggregate]
            if grouped and ungrouped_fields(value.node, key_nodes):
                shown = source_text(expression, text)
                raise scope.error(
                    f"« {shown} » : des groupes se trient par un agrégat ou une clé",
                    f"'{shown}': groups sort by an aggregate or a group key",
                    shown,
                )
            target = value.node
        terms.append(exp.Ordered(this=target, desc=desc, nulls_first=False))
    return terms


def _is_random(expression: Tree[Token] | Token) -> bool:
    return (
        isinstance(expression, Tree)
        and expression.data == "call"
        and str(expression.children[0]).lower() == "random"
    )


def random_order(
    expression: Tree[Token], keys: list[exp.Expression] | None, scope: Scope
) -> exp.Expression:
    """``random(seed)``: a shuffle, the same for the same seed (a hash of the seed and the row)."""
    args = [argument(a, scope) for a in expression.children[1:] if a is not None]
    if len(args) > 1 or (args and (args[0].type != "int" or not args[0].is_literal)):
        raise scope.error(
            "random(graine entière) attendu", "random(integer seed) expected", "random"
        )
    seed = literal(args[0].value if args else 0)
    row = (
        [k.copy() for k in keys] if keys is not None else [column(f) for f in scope.fields.values()]
    )
    return exp.Anonymous(this="hash", expressions=[seed, *row])


def _output_name(expression: Tree[Token] | Token, text: str) -> str:
    if isinstance(expression, Tree) and expression.data == "field":
        token = expression.children[0]
        assert isinstance(token, Token)
        return name_of(token)
    return source_text(expression, text)
