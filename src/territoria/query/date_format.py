"""date_format(d, 'dd/MM/yyyy'): Opendatasoft's (Java) date patterns, names in the lang asked."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlglot import exp

from territoria.query.functions import Function, expect
from territoria.query.typed import TEMPORAL, Scope, Typed, literal

Piece = str | Callable[[exp.Expression], exp.Expression]
"""A strftime format chunk, or a builder of the SQL text of one pattern letter group."""

_STRFTIME = {
    "yyyy": "%Y", "YYYY": "%Y", "yy": "%y", "YY": "%y", "y": "%Y", "xxxx": "%G",
    "MM": "%m", "M": "%-m", "dd": "%d", "d": "%-d", "DDD": "%j", "D": "%-j", "ww": "%V",
    "e": "%u", "HH": "%H", "H": "%-H", "hh": "%I", "h": "%-I", "mm": "%M", "m": "%-M",
    "ss": "%S", "s": "%-S", "SSS": "%g", "a": "%p",
}  # fmt: skip
_NAMES = {
    "fr": {
        "E": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
        "EEEE": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        "MMM": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc."),
        "MMMM": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"),
    },
    "en": {
        "E": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "EEEE": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        "MMM": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec"),
        "MMMM": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"),
    },
}  # fmt: skip
"""Day and month names per lang (French by default; other langs get English names)."""
_TOKEN = re.compile(r"'((?:[^']|'')*)'|([A-Za-z])\2*|(.)", re.DOTALL)


def _name(letters: str, lang: str) -> Piece:
    names = _NAMES.get(lang, _NAMES["en"])[letters if letters != "EEE" else "E"]
    table = exp.Array(expressions=[literal(n) for n in names])

    def build(value: exp.Expression) -> exp.Expression:
        if letters.startswith("E"):
            index: exp.Expression = exp.Anonymous(this="isodow", expressions=[value])
        else:
            index = exp.Extract(this=exp.Var(this="month"), expression=value)
        return exp.Anonymous(this="list_extract", expressions=[table, index])

    return build


def _week(value: exp.Expression) -> exp.Expression:
    week = exp.Extract(this=exp.Var(this="week"), expression=value)
    return exp.Cast(this=week, to=exp.DataType.build("VARCHAR"))


def _week_year_2(value: exp.Expression) -> exp.Expression:
    year = exp.TimeToStr(this=value, format=literal("%G"))
    return exp.Anonymous(this="right", expressions=[year, literal(2)])


def pieces(pattern: str, lang: str, scope: Scope) -> list[Piece]:
    """The pattern cut into strftime chunks and name/week builders, quotes resolved."""
    out: list[Piece] = []
    for match in _TOKEN.finditer(pattern):
        quoted, letters, other = match.group(1), match.group(0), match.group(3)
        if quoted is not None:
            out.append((quoted.replace("''", "'") if quoted else "'").replace("%", "%%"))
        elif other is not None:
            out.append("%%" if other == "%" else other)
        elif letters in _STRFTIME:
            out.append(_STRFTIME[letters])
        elif letters in {"E", "EEE", "EEEE", "MMM", "MMMM"}:
            out.append(_name(letters, lang))
        elif letters in {"w", "xx"}:
            out.append(_week if letters == "w" else _week_year_2)
        else:
            raise scope.error(
                f"motif de date inconnu « {letters} » dans « {pattern} »",
                f"unknown date pattern letters '{letters}' in '{pattern}'",
                letters,
            )
    return out


def _date_format(args: list[Typed], scope: Scope) -> Typed:
    value, pattern = args
    expect(value, TEMPORAL, scope, "date_format")
    if pattern.type != "text" or not pattern.is_literal:
        raise scope.error(
            "date_format(d, motif) attend un motif entre guillemets",
            "date_format(d, pattern) expects a quoted pattern",
            "date_format",
        )
    parts: list[exp.Expression] = []
    chunk = ""
    for piece in pieces(str(pattern.value), scope.lang, scope):
        if isinstance(piece, str):
            chunk += piece
            continue
        if chunk:
            parts.append(exp.TimeToStr(this=value.node.copy(), format=literal(chunk)))
            chunk = ""
        parts.append(piece(value.node.copy()))
    if chunk or not parts:
        parts.append(exp.TimeToStr(this=value.node.copy(), format=literal(chunk)))
    node = parts[0]
    for part in parts[1:]:
        node = exp.DPipe(this=node, expression=part)
    return Typed(node, "text", aggregate=value.aggregate)


FUNCTIONS = {"date_format": Function((2, 2), _date_format)}
