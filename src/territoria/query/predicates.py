"""ODSQL predicates of the parse tree: comparisons, is [not] null/true, in lists, ranges, like."""

from __future__ import annotations

from lark import Token, Tree
from sqlglot import exp

from territoria.query import expressions, operators
from territoria.query.errors import unsupported
from territoria.query.typed import Scope, Typed

Node = Tree[Token] | Token


def compare(node: Tree[Token], scope: Scope) -> Typed:
    left, op, right = node.children
    assert left is not None and right is not None
    return operators.compare(
        "=" if str(op) == ":" else str(op),
        expressions.compile_expression(left, scope),
        expressions.compile_expression(right, scope),
        scope,
    )


def is_null(node: Tree[Token], scope: Scope) -> Typed:
    subject = expressions.compile_expression(node.children[0], scope)
    test: exp.Expression = exp.Is(this=subject.node, expression=exp.Null())
    negated = node.children[2] is not None
    return Typed(exp.Not(this=test) if negated else test, "boolean", aggregate=subject.aggregate)


def is_bool(node: Tree[Token], scope: Scope) -> Typed:
    subject = expressions.compile_expression(node.children[0], scope)
    if subject.type != "boolean":
        raise scope.error(
            f"« is true/false » s'applique à un booléen, pas à {subject.type}",
            f"'is true/false' applies to a boolean, not to {subject.type}",
        )
    boolean = node.children[3]
    assert isinstance(boolean, Tree)
    value = str(boolean.children[0]).lower() == "true"
    test: exp.Expression = exp.Is(this=subject.node, expression=exp.Boolean(this=value))
    negated = node.children[2] is not None
    return Typed(exp.Not(this=test) if negated else test, "boolean", aggregate=subject.aggregate)


def in_list(node: Tree[Token], scope: Scope) -> Typed:
    subject, negated, *rest = node.children
    values = [
        expressions.compile_expression(c, scope)
        for c in rest
        if c is not None and not expressions.is_keyword(c) and not _is_bracket(c)
    ]
    return operators.in_list(
        expressions.compile_expression(subject, scope), values, negated is not None, scope
    )


def _is_bracket(child: Node) -> bool:
    return isinstance(child, Token) and child.type in {"LBRACKET", "RBRACKET"}


def in_range(node: Tree[Token], scope: Scope) -> Typed:
    subject, negated, _in, opening, low, _to, high, closing = node.children
    closed = (str(opening) == "[", str(closing) == "]")
    return operators.in_range(
        expressions.compile_expression(subject, scope),
        expressions.compile_expression(low, scope),
        expressions.compile_expression(high, scope),
        closed,
        negated is not None,
        scope,
    )


def in_field(node: Tree[Token], scope: Scope) -> Typed:
    """``"Paris" in multivalued_field``: Territoria stores no multivalued fields yet."""
    raise unsupported(scope.clause, "valeur IN champ multivalué / value IN multivalued field")


def like(node: Tree[Token], scope: Scope) -> Typed:
    subject, negated, _like_kw, pattern = node.children
    return operators.like(
        expressions.compile_expression(subject, scope),
        expressions.compile_expression(pattern, scope),
        negated is not None,
        scope,
    )
