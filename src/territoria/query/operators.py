"""ODSQL operators and their type rules: comparisons, ``in`` lists and ranges, like, arithmetic."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import cast

from sqlglot import exp

from territoria.query.literals import against_stored, parse_date, temporal
from territoria.query.typed import GEO, NUMERIC, TEMPORAL, Scope, Typed, literal

COMPARISONS: dict[str, type[exp.Binary]] = {
    "=": exp.EQ,
    "!=": exp.NEQ,
    "<>": exp.NEQ,
    "<": exp.LT,
    "<=": exp.LTE,
    ">": exp.GT,
    ">=": exp.GTE,
}
ARITHMETIC: dict[str, type[exp.Binary]] = {
    "+": exp.Add,
    "-": exp.Sub,
    "*": exp.Mul,
    "/": exp.Div,
    "%": exp.Mod,
}
_NUMBER_TEXT = re.compile(r"\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*")


def coerce(value: Typed, target: Typed, scope: Scope, ordered: bool) -> Typed:
    """``value`` made comparable with ``target``, or an ODSQLError for a type mismatch.

    Literals bend towards the field's type as Opendatasoft does: a date string against a
    date, a numeric string against a number, a number against a text (equality only).
    """
    kinds = {value.type, target.type}
    if value.type == "null" or target.type == "null":
        return value
    if kinds <= NUMERIC or (value.type == target.type and value.type not in GEO | {"json"}):
        return value
    if kinds <= TEMPORAL:
        return value
    if target.type in TEMPORAL and value.type == "text" and value.is_literal:
        return temporal(parse_date(str(value.value), scope))
    if target.type in TEMPORAL and value.type == "int" and re.fullmatch(r"\d{8}", str(value.value)):
        digits = str(value.value)  # date_field:[20220312 TO 20220427], as Opendatasoft allows
        return temporal(parse_date(f"{digits[:4]}-{digits[4:6]}-{digits[6:]}", scope))
    if (
        target.type in NUMERIC
        and value.type == "text"
        and value.is_literal
        and _NUMBER_TEXT.fullmatch(str(value.value))
        and math.isfinite(float(value.value))
    ):
        number = float(value.value)
        return Typed(literal(int(number) if number.is_integer() else number), "double")
    if target.type == "text" and value.type in NUMERIC and value.is_literal and not ordered:
        return Typed(literal(str(value.value)), "text", value=str(value.value))
    raise _mismatch(value, target, scope)


def compare(op: str, left: Typed, right: Typed, scope: Scope) -> Typed:
    """``left op right`` between values of compatible types."""
    ordered = op not in {"=", "!=", "<>"}
    if left.type in GEO | {"json"} or right.type in GEO | {"json"}:
        raise _mismatch(left, right, scope)
    if left.type == "boolean" and ordered:
        raise _mismatch(left, right, scope)
    if left.is_literal and not right.is_literal:
        left = coerce(left, right, scope, ordered)
    else:
        right = coerce(right, left, scope, ordered)
    if left.is_literal:
        right_node, left_node = against_stored(right, left, scope)
    else:
        left_node, right_node = against_stored(left, right, scope)
    node = cast(exp.Expression, COMPARISONS[op](this=left_node, expression=right_node))
    return Typed(node, "boolean", aggregate=left.aggregate or right.aggregate)


def in_list(subject: Typed, values: Sequence[Typed], negated: bool, scope: Scope) -> Typed:
    """``f in ("a", "b")``: any of the values, each coerced to the subject's type."""
    # fields in the list (or a literal subject against fields) must be of one kind: DuckDB
    # would cast them to one type at run time, and fail (a number cast to a date)
    fields = [t for t in (subject, *values) if not t.is_literal and t.type != "null"]
    kinds = {t.type for t in fields}
    if len(kinds) > 1 and not (kinds <= NUMERIC or kinds <= TEMPORAL):
        first = fields[0]
        raise _mismatch(next(t for t in fields if t.type != first.type), first, scope)
    # every operand bends towards one reference: the subject, else (a literal subject) the
    # first field of the list — a NULL or literal subject must not leave the list's literals
    # free to mismatch its fields (NULL in (a_date_field, true) fails in DuckDB's cast)
    typed = [t for t in (subject, *values) if t.type != "null"]
    reference = fields[0] if fields else (typed[0] if typed else subject)
    if subject.is_literal:
        subject = coerce(subject, reference, scope, ordered=False)
    nodes = [coerce(v, reference, scope, ordered=False).node for v in values]
    node: exp.Expression = exp.In(this=subject.node, expressions=nodes)
    return Typed(exp.Not(this=node) if negated else node, "boolean", aggregate=subject.aggregate)


def in_range(
    subject: Typed, low: Typed, high: Typed, closed: tuple[bool, bool], negated: bool, scope: Scope
) -> Typed:
    """``f in [a..b]``, ``]a..b[`` and mixed: bounds inclusive where the bracket faces inwards."""
    if subject.type not in NUMERIC | TEMPORAL:
        raise scope.error(
            f"un intervalle s'applique à un nombre ou une date, pas à {subject.type}",
            f"a range applies to a number or a date, not to {subject.type}",
        )
    low_subject, low_node = against_stored(subject, coerce(low, subject, scope, True), scope)
    high_subject, high_node = against_stored(subject, coerce(high, subject, scope, True), scope)
    lower = (exp.GTE if closed[0] else exp.GT)(this=low_subject, expression=low_node)
    upper = (exp.LTE if closed[1] else exp.LT)(this=high_subject.copy(), expression=high_node)
    node: exp.Expression = exp.Paren(this=exp.And(this=lower, expression=upper))
    return Typed(exp.Not(this=node) if negated else node, "boolean", aggregate=subject.aggregate)


def like(subject: Typed, pattern: Typed, negated: bool, scope: Scope) -> Typed:
    """``f like "paris"``: as Opendatasoft documents it, "f contains the word paris".

    Case- and accent-insensitive, every word of the pattern found in the value; ``*`` (or
    SQL's ``%``) is a wildcard inside a word, ``_`` any one character.
    """
    if subject.type != "text" or pattern.type != "text" or not pattern.is_literal:
        raise scope.error(
            "like compare un champ texte à un motif entre guillemets",
            "like compares a text field with a quoted pattern",
        )
    from territoria.query.search import like as word_like

    found = word_like(subject, str(pattern.value), scope)
    node = exp.Not(this=found.node) if negated else found.node
    return Typed(node, "boolean", aggregate=subject.aggregate)


def arithmetic(op: str, left: Typed, right: Typed, scope: Scope) -> Typed:
    """``a + b`` and friends on numbers; ``/`` always gives a double."""
    if left.type not in NUMERIC or right.type not in NUMERIC:
        raise scope.error(
            f"« {op} » s'applique à des nombres, pas à {left.type} et {right.type}",
            f"'{op}' applies to numbers, not to {left.type} and {right.type}",
            op,
        )
    kind = "int" if left.type == right.type == "int" and op != "/" else "double"
    divisor = _paren(right.node)
    if op in {"/", "%"}:  # x / 0 is NULL, not an infinity no JSON can carry
        divisor = exp.Nullif(this=divisor, expression=literal(0))
    node = cast(exp.Expression, ARITHMETIC[op](this=_paren(left.node), expression=divisor))
    if kind == "int":  # an INT64 overflow becomes NULL instead of failing the whole query
        node = exp.Anonymous(this="try", expressions=[node])
    return Typed(node, kind, aggregate=left.aggregate or right.aggregate)


def negate(value: Typed, scope: Scope) -> Typed:
    """``-x`` on a number."""
    if value.type not in NUMERIC:
        raise scope.error("« - » s'applique à un nombre", "'-' applies to a number", "-")
    literal_value = -value.value if value.is_literal else value.value
    return Typed(exp.Neg(this=_paren(value.node)), value.type, value.aggregate, literal_value)


def _paren(node: exp.Expression) -> exp.Expression:
    return exp.Paren(this=node) if isinstance(node, exp.Binary) else node


def _mismatch(value: Typed, target: Typed, scope: Scope) -> Exception:
    shown = (
        repr(value.value)
        if value.is_literal and not isinstance(value.value, dt.date)
        else value.type
    )
    return scope.error(
        f"types incompatibles : {target.type} comparé à {shown}",
        f"type mismatch: {target.type} compared with {shown}",
        str(value.value) if value.is_literal else None,
    )
