"""ODSQL aggregates: count, sum, avg, min, max, median, percentile (geo ones live in geo.py)."""

from __future__ import annotations

from typing import cast

from sqlglot import exp

from territoria.query.functions import Builder, Function, expect
from territoria.query.typed import NUMERIC, TEMPORAL, Scope, Typed, literal


def _count(args: list[Typed], scope: Scope) -> Typed:
    if not args or args[0].type == "star":
        return Typed(exp.Count(this=exp.Star()), "int", aggregate=True)
    return Typed(exp.Count(this=args[0].node), "int", aggregate=True)


def _numeric_aggregate(cls: type[exp.Func], name: str, kinds: frozenset[str]) -> Builder:
    def build(args: list[Typed], scope: Scope) -> Typed:
        arg = expect(args[0], kinds, scope, name)
        kind = "double" if name in {"avg", "median"} or arg.type == "double" else arg.type
        if name == "sum":
            kind = arg.type
        return Typed(cast(exp.Expression, cls(this=arg.node)), kind, aggregate=True)

    return build


def _percentile(args: list[Typed], scope: Scope) -> Typed:
    arg = expect(args[0], NUMERIC, scope, "percentile")
    rank = args[1]
    if rank.type not in NUMERIC or not rank.is_literal or not 0 <= float(rank.value) <= 100:
        raise scope.error(
            "percentile(f, p) attend un rang p entre 0 et 100",
            "percentile(f, p) expects a rank p between 0 and 100",
            "percentile",
        )
    fraction = literal(float(rank.value) / 100)
    node = exp.Anonymous(this="quantile_cont", expressions=[arg.node, fraction])
    return Typed(node, "double", aggregate=True)


_ORDERABLE = NUMERIC | TEMPORAL | {"text"}

FUNCTIONS = {
    "count": Function((0, 1), _count, aggregate=True),
    "sum": Function((1, 1), _numeric_aggregate(exp.Sum, "sum", NUMERIC), aggregate=True),
    "avg": Function((1, 1), _numeric_aggregate(exp.Avg, "avg", NUMERIC), aggregate=True),
    "min": Function((1, 1), _numeric_aggregate(exp.Min, "min", _ORDERABLE), aggregate=True),
    "max": Function((1, 1), _numeric_aggregate(exp.Max, "max", _ORDERABLE), aggregate=True),
    "median": Function((1, 1), _numeric_aggregate(exp.Median, "median", NUMERIC), aggregate=True),
    "percentile": Function((2, 2), _percentile, aggregate=True),
}
