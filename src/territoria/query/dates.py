"""ODSQL date functions: year()…second(), now() with its named parts, range() intervals."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

from lark import Token, Tree
from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.literals import temporal
from territoria.query.typed import TEMPORAL, Scope, Typed, literal

_PARTS = ("year", "month", "day", "hour", "minute", "second")
UNITS = {
    "ms": "MILLISECOND", "millisecond": "MILLISECOND", "s": "SECOND", "second": "SECOND",
    "m": "MINUTE", "minute": "MINUTE", "h": "HOUR", "hour": "HOUR", "d": "DAY", "day": "DAY",
    "w": "WEEK", "week": "WEEK", "M": "MONTH", "month": "MONTH", "q": "QUARTER",
    "quarter": "QUARTER", "y": "YEAR", "year": "YEAR",
}  # fmt: skip
"""Interval units of ``range(d, 1 day)``, case-sensitive as Opendatasoft's (m minute, M month)."""


def _part(name: str) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        arg = expect(args[0], TEMPORAL, scope, name)
        node = exp.Extract(this=exp.Var(this=name), expression=arg.node)
        return Typed(node, "int", aggregate=arg.aggregate)

    return Function((1, 1), build)


_WEEKDAYS = ("mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays")
_ABSOLUTE = (*_PARTS, "microsecond")
_RELATIVE = ("years", "months", "weeks", "days", "hours", "minutes", "seconds", "microseconds")


def now(node: Tree[Token], scope: Scope) -> Typed:
    """``now()`` in the request's time zone, moved by Opendatasoft's named parameters.

    Singular names set a part (``day=1``), plural ones add (``days=-1``), ``weekday=0`` moves
    to the next Monday, ``mondays=-1`` to the previous one; the last of a repeated name wins;
    parts are set, then added, then weekdays applied, as Opendatasoft documents.
    """
    moment = dt.datetime.now(ZoneInfo(scope.timezone)).replace(tzinfo=None, microsecond=0)
    params: dict[str, int] = {}
    for arg in node.children[1:]:
        if arg is None:
            continue
        assert isinstance(arg, Tree)
        name, op, sign, number = (str(c) if c is not None else None for c in arg.children)
        if op != "=" or name is None or number is None or not number.isdigit():
            raise scope.error("now(unité=±entier) attendu", "now(unit=±integer) expected", name)
        if name.lower() not in (*_ABSOLUTE, *_RELATIVE, "weekday", *_WEEKDAYS):
            raise scope.error(f"now() : « {name} » inconnu", f"now(): unknown '{name}'", name)
        params[name.lower()] = -int(number) if sign == "-" else int(number)
    try:
        for unit in _ABSOLUTE:
            if unit in params:
                moment = _set(moment, unit, params[unit])
        for unit in _RELATIVE:
            if unit in params:
                moment = _add(moment, unit, params[unit])
        if "weekday" in params:
            moment = _weekday(moment, params["weekday"], 1)
        for index, unit in enumerate(_WEEKDAYS):
            if params.get(unit):
                moment = _weekday(moment, index, params[unit])
    except (ValueError, OverflowError):
        raise scope.error("now() : date impossible", "now(): impossible date", "now") from None
    return temporal(moment)


def _set(moment: dt.datetime, unit: str, value: int) -> dt.datetime:
    if unit in {"year", "month"}:
        year = value if unit == "year" else moment.year
        month = value if unit == "month" else moment.month
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day)
    if unit == "day":  # rounded down to the month's last day, as Opendatasoft does
        return moment.replace(
            day=max(1, min(value, calendar.monthrange(moment.year, moment.month)[1]))
        )
    return moment.replace(**{unit: value})  # type: ignore[arg-type]


def _add(moment: dt.datetime, unit: str, amount: int) -> dt.datetime:
    if unit in {"years", "months"}:
        months = moment.month - 1 + amount * (12 if unit == "years" else 1)
        year, month = moment.year + months // 12, months % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        return moment.replace(year=year, month=month, day=day)
    return moment + dt.timedelta(**{unit: amount})


def _weekday(moment: dt.datetime, weekday: int, count: int) -> dt.datetime:
    """The ``count``-th such weekday from ``moment`` (today counts), backwards when negative."""
    if not 0 <= weekday <= 6:
        raise ValueError(weekday)
    if count > 0:
        ahead = (weekday - moment.weekday()) % 7
        return moment + dt.timedelta(days=ahead + 7 * (count - 1))
    behind = (moment.weekday() - weekday) % 7
    return moment - dt.timedelta(days=behind + 7 * (-count - 1))


def interval(quantity: Typed, scope: Scope) -> exp.Interval:
    """``1 day``, ``3 months`` as a SQL interval (units singular or plural)."""
    number, unit = quantity.value
    name = UNITS.get(unit) or UNITS.get(unit[:-1] if unit.endswith("s") and len(unit) > 2 else "")
    if name is None or not float(number).is_integer() or number <= 0:
        raise scope.error(
            f"intervalle invalide « {number:g} {unit} »",
            f"invalid interval '{number:g} {unit}'",
            unit,
        )
    return exp.Interval(this=literal(str(int(number))), unit=exp.Var(this=name))


FUNCTIONS = {name: _part(name) for name in (*_PARTS, "quarter")}
