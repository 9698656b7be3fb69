"""``group_by`` items: expressions, and ``range()`` buckets over numbers and dates."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from zoneinfo import ZoneInfo

from lark import Token, Tree
from sqlglot import exp

from territoria.query.dates import interval
from territoria.query.expressions import compile_expression
from territoria.query.functions import argument
from territoria.query.literals import temporal
from territoria.query.typed import NUMERIC, TEMPORAL, Scope, Typed, literal


def group_key(node: Tree[Token] | Token, scope: Scope) -> tuple[Typed, exp.Expression | None]:
    """A group key and, for bounded ranges, the filter keeping rows inside the bounds."""
    if isinstance(node, Tree) and node.data == "call" and str(node.children[0]).lower() == "range":
        return _range(node, scope)
    key = compile_expression(node, scope)
    if key.aggregate:
        raise scope.error("on ne groupe pas par un agrégat", "cannot group by an aggregate")
    if key.type in {"geo_point_2d", "geo_shape"}:
        raise scope.error(
            "grouper par un champ géographique n'est pas pris en charge (geo_cluster() non plus)",
            "grouping by a geo field is not supported (nor is geo_cluster() yet)",
            key.field.name if key.field else None,
        )
    if key.node.find(exp.Column) is None:  # GROUP BY 1 would mean "the first column" in SQL
        raise scope.error(
            "une clé de group_by doit lire un champ", "a group_by key must read a field"
        )
    return key, None


def _range(node: Tree[Token], scope: Scope) -> tuple[Typed, exp.Expression | None]:
    args = [argument(a, scope) for a in node.children[1:] if a is not None]
    if len(args) < 2 or args[0].type not in NUMERIC | TEMPORAL:
        raise scope.error(
            "range(champ, pas) ou range(champ, borne, borne…) sur un nombre ou une date",
            "range(field, step) or range(field, bound, bound…) on a number or a date",
            "range",
        )
    subject, rest = args[0], args[1:]
    if len(rest) == 1 and rest[0].type != "star":
        return _equal_width(subject, rest[0], scope), None
    return _bounded(subject, rest, scope)


def _equal_width(subject: Typed, step: Typed, scope: Scope) -> Typed:
    """``range(x, 5)`` → ``[10, 15[``…; ``range(d, 1 day)`` → ``[2020-01-01T00:00:00.000Z, …[``."""
    if subject.type in TEMPORAL:
        if step.type != "quantity":
            raise scope.error(
                "range(date, 1 day) : un intervalle est attendu",
                "range(date, 1 day): an interval is expected",
                "range",
            )
        width = interval(step, scope)
        start: exp.Expression = exp.Anonymous(this="time_bucket", expressions=[width, subject.node])
        end = exp.Add(this=start.copy(), expression=width.copy())
        shown = _label(_instant(start, subject, scope), _instant(end, subject, scope))
        return Typed(start, "text", display=shown)
    if step.type not in NUMERIC or not step.is_literal or not float(step.value) > 0:
        raise scope.error(
            "range(nombre, pas) : un pas positif est attendu",
            "range(number, step): a positive step is expected",
            "range",
        )
    width_value = literal(step.value)
    start = exp.Mul(
        this=exp.Floor(this=exp.Div(this=subject.node, expression=width_value)),
        expression=width_value.copy(),
    )
    end = exp.Add(this=start.copy(), expression=width_value.copy())
    return Typed(start, "text", display=_label(_number(start), _number(end)))


def _label(low: exp.Expression, high: exp.Expression) -> exp.Expression:
    parts = [literal("["), low, literal(", "), high, literal("[")]
    label = parts[0]
    for part in parts[1:]:
        label = exp.DPipe(this=label, expression=part)
    return label


def _number(node: exp.Expression) -> exp.Expression:
    """A bucket bound as text, ``10`` rather than ``10.0``."""
    text = exp.Cast(this=node.copy(), to=exp.DataType.build("VARCHAR"))
    return exp.Anonymous(this="regexp_replace", expressions=[text, literal(r"\.0$"), literal("")])


def _instant(node: exp.Expression, subject: Typed, scope: Scope) -> exp.Expression:
    """A bucket bound as Opendatasoft writes it: the UTC instant, ``2020-01-01T00:00:00.000Z``."""
    moment: exp.Expression = exp.Cast(this=node.copy(), to=exp.DataType.build("TIMESTAMP"))
    if subject.type == "datetime":  # local wall time of the request's zone → UTC instant
        moment = exp.Anonymous(this="timezone", expressions=[literal(scope.timezone), moment])
    return exp.TimeToStr(this=moment, format=literal("%Y-%m-%dT%H:%M:%S.000Z"))


def _bound(arg: Typed, subject: Typed, scope: Scope) -> tuple[str, exp.Expression] | None:
    if arg.type == "star":
        return None
    if subject.type in TEMPORAL:
        if arg.type in TEMPORAL:
            value = arg.value
        elif arg.type == "int" and arg.is_literal:
            value = dt.date(int(arg.value), 1, 1)
        else:
            raise scope.error("borne de date attendue", "a date bound is expected", "range")
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        if subject.type == "datetime":
            moment = moment.replace(tzinfo=ZoneInfo(scope.timezone)).astimezone(dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z"), temporal(value).node
    if arg.type not in NUMERIC or not arg.is_literal:
        raise scope.error("borne numérique attendue", "a numeric bound is expected", "range")
    number = arg.value
    shown = (
        str(int(number))
        if isinstance(number, float) and math.isfinite(number) and number.is_integer()
        else str(number)
    )
    return shown, literal(number)


def _bounded(
    subject: Typed, rest: list[Typed], scope: Scope
) -> tuple[Typed, exp.Expression | None]:
    """``range(x, *, 10, 50, *)``: groups by bucket number, shows ``[*, 10[``, ``[10, 50[``…"""
    bounds = [_bound(arg, subject, scope) for arg in rest]
    if len(bounds) < 2:
        raise scope.error(
            "range() demande au moins deux bornes", "range() needs at least two bounds", "range"
        )
    if any(b is None for b in bounds[1:-1]):
        raise scope.error(
            "« * » n'est permis qu'en première ou dernière borne",
            "'*' is only allowed as the first or last bound",
            "*",
        )
    cases: list[exp.If] = []
    labels: list[exp.If] = []
    for index, (low, high) in enumerate(itertools.pairwise(bounds)):
        label = f"[{low[0] if low else '*'}, {high[0] if high else '*'}["
        tests: list[exp.Expression] = []
        if low is not None:
            tests.append(exp.GTE(this=subject.node.copy(), expression=low[1].copy()))
        if high is not None:
            tests.append(exp.LT(this=subject.node.copy(), expression=high[1].copy()))
        test = tests[0] if len(tests) == 1 else exp.And(this=tests[0], expression=tests[1])
        cases.append(exp.If(this=test, true=literal(index)))
        labels.append(exp.If(this=literal(index), true=literal(label)))
    bucket = exp.Case(ifs=cases)
    shown = exp.Case(this=bucket.copy(), ifs=labels)
    inside = exp.Not(this=exp.Is(this=bucket.copy(), expression=exp.Null()))
    return Typed(bucket, "text", display=shown), inside
