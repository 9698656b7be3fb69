"""Compile an ODSQL expression tree into a Typed sqlglot node, checking names and types."""

from __future__ import annotations

import re

from lark import Token, Tree
from sqlglot import exp

from territoria.query import literals, operators
from territoria.query.typed import Scope, Typed, column, literal

Node = Tree[Token] | Token


def compile_expression(node: Node, scope: Scope) -> Typed:
    """The Typed value of one expression of the parse tree."""
    if isinstance(node, Token):
        return _token(node, scope)
    kind = str(node.data)
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise scope.error(f"construction inattendue {kind}", f"unexpected construct {kind}", kind)
    return handler(node, scope)


def compile_condition(node: Node, scope: Scope) -> Typed:
    """An expression used as a filter: a boolean, or a bare string searched in every text field."""
    value = compile_expression(node, scope)
    if value.type == "text" and value.is_literal:
        from territoria.query.search import full_text

        return full_text(str(value.value), None, scope)
    if value.type != "boolean":
        raise scope.error(
            f"une condition est attendue, pas une valeur de type {value.type}",
            f"a condition is expected, not a value of type {value.type}",
        )
    return value


def field_reference(name: str, scope: Scope) -> Typed:
    """A field by its ODS name (or a select alias where the clause allows them)."""
    if name in scope.aliases:
        return scope.aliases[name]
    field = scope.field_named(name)
    node: exp.Expression = column(field)
    raw = None
    if field.type == "datetime":
        raw = node.copy()
        # Stored timestamps are UTC; every datetime is seen in the request's time zone.
        utc = exp.Cast(this=node, to=exp.DataType.build("TIMESTAMPTZ"))
        node = exp.Anonymous(this="timezone", expressions=[literal(scope.timezone), utc])
    return Typed(node, field.type, field=field, raw=raw)


def _token(token: Token, scope: Scope) -> Typed:
    kind = token.type
    text = str(token)
    if kind == "STRING":
        return literals.string(text, scope)
    if kind == "NUMBER":
        return literals.number(text, scope)
    if kind == "NULL":
        return Typed(exp.Null(), "null", value=None)
    if kind in {"TRUE", "FALSE"}:
        return Typed(exp.Boolean(this=kind == "TRUE"), "boolean", value=kind == "TRUE")
    if kind == "DATE_LITERAL":
        return literals.date_literal(text, scope)
    if kind == "GEOM_LITERAL":
        return literals.geom_literal(text, scope)
    if kind in {"NAME", "QUOTED_NAME"}:
        return field_reference(name_of(token), scope)
    raise scope.error(f"« {text} » inattendu", f"unexpected '{text}'", text)


def name_of(token: Token) -> str:
    """A field name as written: ``name`` or ```my field``` (backquotes dropped)."""
    text = str(token)
    if not text.startswith("`"):
        return text
    return re.sub(r"\\(.)", lambda m: m.group(1), text[1:-1], flags=re.DOTALL)


def _children(node: Tree[Token]) -> list[Node]:
    return [c for c in node.children if c is not None]


def _boolean_chain(node: Tree[Token], scope: Scope) -> Typed:
    operands = [compile_condition(c, scope) for c in node.children if not is_keyword(c)]
    connector = exp.And if node.data == "and_" else exp.Or
    result = operands[0].node
    for operand in operands[1:]:
        result = connector(this=result, expression=operand.node)
    return Typed(exp.Paren(this=result), "boolean", aggregate=any(o.aggregate for o in operands))


def is_keyword(child: Node | None) -> bool:
    return isinstance(child, Token) and child.type in {"AND", "OR", "NOT", "IN", "IS", "LIKE"}


def _not(node: Tree[Token], scope: Scope) -> Typed:
    inner = compile_condition(node.children[1], scope)
    # Opendatasoft: a comparison with a null value is false, so ``not`` of it is true.
    known = exp.Coalesce(this=inner.node, expressions=[exp.Boolean(this=False)])
    return Typed(exp.Not(this=known), "boolean", aggregate=inner.aggregate)


def _arith(node: Tree[Token], scope: Scope) -> Typed:
    children = _children(node)
    result = compile_expression(children[0], scope)
    for op, operand in zip(children[1::2], children[2::2], strict=True):
        result = operators.arithmetic(str(op), result, compile_expression(operand, scope), scope)
    return result


def _neg(node: Tree[Token], scope: Scope) -> Typed:
    sign, operand = node.children
    value = compile_expression(operand, scope)
    return operators.negate(value, scope) if str(sign) == "-" else value


def _atom(node: Tree[Token], scope: Scope) -> Typed:
    token = node.children[0]
    assert isinstance(token, Token)
    return _token(token, scope)


def _call(node: Tree[Token], scope: Scope) -> Typed:
    from territoria.query.functions import call

    return call(node, scope)


def _now(node: Tree[Token], scope: Scope) -> Typed:
    from territoria.query.dates import now

    return now(node, scope)


from territoria.query import predicates  # noqa: E402 — its handlers call back into this module

_HANDLERS = {
    "and_": _boolean_chain,
    "or_": _boolean_chain,
    "not_": _not,
    "compare": predicates.compare,
    "is_null": predicates.is_null,
    "is_bool": predicates.is_bool,
    "in_list": predicates.in_list,
    "in_range": predicates.in_range,
    "like": predicates.like,
    "in_field": predicates.in_field,
    "arith": _arith,
    "neg": _neg,
    "string": _atom,
    "number": _atom,
    "null": _atom,
    "date_literal": _atom,
    "geom_literal": _atom,
    "field": _atom,
    "boolean": _atom,
    "call": _call,
    "call_distinct": _call,
    "now": _now,
}
