"""The ODSQL function table: name → arity and builder, scalar and aggregate, checked by type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import cast

from lark import Token, Tree
from sqlglot import exp

from territoria.query.errors import unsupported
from territoria.query.typed import Scope, Typed, literal

Builder = Callable[[list[Typed], Scope], Typed]


@dataclass(frozen=True)
class Function:
    """One ODSQL function: how many arguments it takes and how it becomes SQL."""

    arity: tuple[int, int]
    build: Builder
    aggregate: bool = False


def call(node: Tree[Token], scope: Scope) -> Typed:
    """Compile ``name(args…)`` (or ``count(distinct f)``) through the function table."""
    from territoria.query.expressions import compile_expression

    name = str(node.children[0]).lower()
    if node.data == "call_distinct":
        if name != "count":
            raise scope.error(
                "distinct ne s'emploie qu'avec count", "distinct only goes with count()", name
            )
        value = compile_expression(node.children[2], scope)
        _no_nested_aggregate(value, scope, name)
        if not scope.allow_aggregates:
            raise _misplaced(scope, name)
        count = exp.Count(this=exp.Distinct(expressions=[value.node]))
        return Typed(count, "int", aggregate=True)
    args = [argument(a, scope) for a in node.children[1:] if a is not None]
    function = table().get(name)
    if function is None:
        raise scope.error(f"fonction inconnue « {name} »", f"unknown function '{name}'", name)
    low, high = function.arity
    if not low <= len(args) <= high:
        expected = str(low) if low == high else f"{low} à/to {high}"
        raise scope.error(
            f"{name}() prend {expected} argument(s), pas {len(args)}",
            f"{name}() takes {expected} argument(s), not {len(args)}",
            name,
        )
    if function.aggregate:
        if not scope.allow_aggregates:
            raise _misplaced(scope, name)
        for arg in args:
            _no_nested_aggregate(arg, scope, name)
    return function.build(args, scope)


def argument(node: Tree[Token] | Token, scope: Scope) -> Typed:
    """One argument of a call: an expression, ``*``, or a quantity (``10km``, ``1 day``)."""
    from territoria.query.expressions import compile_expression

    assert isinstance(node, Tree)
    if node.data == "arg_star":
        return Typed(exp.Star(), "star")
    if node.data == "arg_quantity":
        number, unit = (str(c) for c in node.children)
        return Typed(literal(float(number)), "quantity", value=(float(number), unit))
    return compile_expression(node.children[0], scope)


def _misplaced(scope: Scope, name: str) -> Exception:
    return scope.error(
        f"l'agrégat {name}() n'a pas sa place dans cette clause",
        f"aggregate {name}() is not allowed in this clause",
        name,
    )


def _no_nested_aggregate(arg: Typed, scope: Scope, name: str) -> None:
    if arg.aggregate:
        raise scope.error("agrégat dans un agrégat", "aggregate inside an aggregate", name)


def expect(arg: Typed, kinds: frozenset[str] | set[str], scope: Scope, name: str) -> Typed:
    """``arg`` if its type is one of ``kinds``, else a type error naming the function."""
    if arg.type not in kinds:
        raise scope.error(
            f"{name}() n'accepte pas une valeur de type {arg.type}",
            f"{name}() does not accept a value of type {arg.type}",
            name,
        )
    return arg


def _text_function(cls: type[exp.Func], kind: str) -> Builder:
    def build(args: list[Typed], scope: Scope) -> Typed:
        arg = expect(args[0], {"text"}, scope, cls.__name__.lower())
        return Typed(cast(exp.Expression, cls(this=arg.node)), kind, aggregate=arg.aggregate)

    return build


def _ifnull(args: list[Typed], scope: Scope) -> Typed:
    from territoria.query.operators import coerce

    value, fallback = args
    fallback = coerce(fallback, value, scope, ordered=False)
    node = exp.Coalesce(this=value.node, expressions=[fallback.node])
    return Typed(node, value.type, aggregate=value.aggregate or fallback.aggregate)


def _not_yet(name: str) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        raise unsupported(scope.clause, f"{name}()")

    return Function((0, 64), build)


NOT_YET = ("geo_cluster", "json_format", "vector_similarity", "vector_similarity_threshold",
           "dayofweek", "millisecond")  # fmt: skip
"""Opendatasoft functions Territoria refuses with "not supported yet" rather than guess."""


def _scalar_table() -> dict[str, Function]:
    return {
        "length": Function((1, 1), _text_function(exp.Length, "int")),
        "lower": Function((1, 1), _text_function(exp.Lower, "text")),
        "upper": Function((1, 1), _text_function(exp.Upper, "text")),
        "ifnull": Function((2, 2), _ifnull),
    } | {name: _not_yet(name) for name in NOT_YET}


@cache
def table() -> dict[str, Function]:
    """Every function ODSQL knows: scalar, aggregate, date, text search and geo.

    Built whole on first use (the other tables import this module), then shared read-only;
    two threads racing at start-up each build a complete table, never a partial one.
    """
    from territoria.query import aggregates, date_format, dates, geo, search

    return (
        _scalar_table()
        | aggregates.FUNCTIONS
        | dates.FUNCTIONS
        | date_format.FUNCTIONS
        | search.FUNCTIONS
        | geo.FUNCTIONS
    )
