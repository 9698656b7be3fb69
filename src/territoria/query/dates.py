"""ODSQL date functions: year()…second(), date_format() with Java patterns, now() with offsets."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

from lark import Token, Tree
from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.literals import temporal
from territoria.query.typed import TEMPORAL, Scope, Typed, literal

_PARTS = ("year", "month", "day", "hour", "minute", "second")
_JAVA = {
    "yyyy": "%Y", "yy": "%y", "y": "%Y",
    "MMMM": "%B", "MMM": "%b", "MM": "%m", "M": "%-m",
    "dd": "%d", "d": "%-d", "DDD": "%j", "D": "%-j",
    "HH": "%H", "H": "%-H", "hh": "%I", "h": "%-I", "mm": "%M", "m": "%-M",
    "ss": "%S", "s": "%-S", "SSS": "%g", "EEEE": "%A", "EEE": "%a", "E": "%a",
    "a": "%p", "ww": "%V", "w": "%-V", "u": "%u",
}  # fmt: skip
_JAVA_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*|(.)", re.DOTALL)
UNITS = {
    "second": "SECOND", "minute": "MINUTE", "hour": "HOUR", "day": "DAY",
    "week": "WEEK", "month": "MONTH", "year": "YEAR",
}  # fmt: skip


def _part(name: str) -> Function:
    def build(args: list[Typed], scope: Scope) -> Typed:
        arg = expect(args[0], TEMPORAL, scope, name)
        node = exp.Extract(this=exp.Var(this=name), expression=arg.node)
        return Typed(node, "int", aggregate=arg.aggregate)

    return Function((1, 1), build)


def java_pattern(pattern: str, scope: Scope) -> str:
    """A Java/ODS date pattern (``yyyy-MM-dd HH:mm``) as a DuckDB strftime format."""
    out: list[str] = []
    for match in _JAVA_TOKEN.finditer(pattern):
        quoted, letters, other = match.group(1), match.group(0), match.group(3)
        if quoted is not None:
            out.append((quoted or "'").replace("%", "%%"))
        elif other is not None:
            out.append("%%" if other == "%" else other)
        elif letters in _JAVA:
            out.append(_JAVA[letters])
        else:
            raise scope.error(
                f"motif de date inconnu « {letters} » dans « {pattern} »",
                f"unknown date pattern letters '{letters}' in '{pattern}'",
                letters,
            )
    return "".join(out)


def _date_format(args: list[Typed], scope: Scope) -> Typed:
    value, pattern = args
    expect(value, TEMPORAL, scope, "date_format")
    if pattern.type != "text" or not pattern.is_literal:
        raise scope.error(
            "date_format(d, motif) attend un motif entre guillemets",
            "date_format(d, pattern) expects a quoted pattern",
            "date_format",
        )
    fmt = literal(java_pattern(str(pattern.value), scope))
    return Typed(exp.TimeToStr(this=value.node, format=fmt), "text", aggregate=value.aggregate)


def now(node: Tree[Token], scope: Scope) -> Typed:
    """``now()`` in the request's time zone; ``days=-1`` shifts it, ``day=1`` sets the day."""
    moment = dt.datetime.now(ZoneInfo(scope.timezone)).replace(tzinfo=None, microsecond=0)
    for arg in node.children[1:]:
        if arg is None:
            continue
        assert isinstance(arg, Tree)
        name, op, sign, number = (str(c) if c is not None else None for c in arg.children)
        if op != "=" or name is None or number is None or not number.isdigit():
            raise scope.error("now(unité=±entier) attendu", "now(unit=±integer) expected", name)
        amount = -int(number) if sign == "-" else int(number)
        moment = _adjust(moment, name.lower(), amount, scope)
    return temporal(moment)


def _adjust(moment: dt.datetime, unit: str, amount: int, scope: Scope) -> dt.datetime:
    try:
        if unit in _PARTS:
            parts = {part: getattr(moment, part) for part in _PARTS} | {unit: amount}
            return dt.datetime(**parts)
        if unit in {"years", "months"}:
            months = moment.month - 1 + amount * (12 if unit == "years" else 1)
            year, month = moment.year + months // 12, months % 12 + 1
            day = min(moment.day, calendar.monthrange(year, month)[1])
            return moment.replace(year=year, month=month, day=day)
        if unit in {"weeks", "days", "hours", "minutes", "seconds"}:
            return moment + dt.timedelta(**{unit: amount})
    except (ValueError, OverflowError):
        pass
    raise scope.error(
        f"now() : « {unit}={amount} » impossible", f"now(): '{unit}={amount}' is invalid", unit
    )


def interval(quantity: Typed, scope: Scope) -> exp.Interval:
    """``1 day``, ``3 months`` as a SQL interval (units singular or plural)."""
    number, unit = quantity.value
    name = UNITS.get(unit.rstrip("s"))
    if name is None or not float(number).is_integer() or number <= 0:
        raise scope.error(
            f"intervalle invalide « {number:g} {unit} »",
            f"invalid interval '{number:g} {unit}'",
            unit,
        )
    return exp.Interval(this=literal(str(int(number))), unit=exp.Var(this=name))


FUNCTIONS = {name: _part(name) for name in _PARTS} | {
    "date_format": Function((2, 2), _date_format),
}
