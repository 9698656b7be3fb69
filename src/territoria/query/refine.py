"""Facet filters ``refine=field:value`` / ``exclude=field:value``, dates refined by level.

A date or datetime is refined hierarchically as Opendatasoft's facets show it: ``2024``
(the year), ``2024/03`` (the month), ``2024/03/15`` (the day).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlglot import exp

from territoria.query.expressions import field_reference
from territoria.query.literals import against_stored, temporal
from territoria.query.typed import NUMERIC, TEMPORAL, Scope, Typed, literal

_DATE_LEVELS = re.compile(r"(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?")
FACET_FORMATS = ("%Y", "%Y/%m", "%Y/%m/%d")
"""How a date facet value is written at each level (year, month, day)."""


def split(spec: str, scope: Scope) -> tuple[str, str]:
    """``field:value`` → (field, value); the value may itself hold colons."""
    name, sep, value = spec.partition(":")
    if not sep or not name.strip() or "\x00" in spec:
        raise scope.error(
            f"« {spec[:80]} » : champ:valeur attendu",
            f"'{spec[:80]}': field:value expected",
            spec[:80],
        )
    return name.strip(), value


def condition(spec: str, scope: Scope, *, exclude: bool = False) -> exp.Expression:
    """The filter of one refine (or, negated, of one exclude; NULL values stay excluded-from)."""
    name, value = split(spec, scope)
    subject = field_reference(name, scope)
    test = _matches(subject, value, scope)
    if exclude:
        return exp.Not(this=exp.Coalesce(this=test, expressions=[exp.Boolean(this=False)]))
    return test


def date_level(value: str) -> int:
    """How many levels a date refine names: 1 year, 2 month, 3 day (0 if none)."""
    match = _DATE_LEVELS.fullmatch(value.strip())
    if not match:
        return 0
    return sum(1 for part in match.groups() if part)


def _matches(subject: Typed, value: str, scope: Scope) -> exp.Expression:
    if subject.type == "text":
        return exp.EQ(this=subject.node, expression=literal(value))
    if subject.type in NUMERIC:
        try:
            number = float(value)
        except ValueError:
            raise _bad(subject, value, scope) from None
        return exp.EQ(this=subject.node, expression=literal(number))
    if subject.type == "boolean":
        if value.lower() not in {"true", "false"}:
            raise _bad(subject, value, scope)
        return exp.EQ(this=subject.node, expression=exp.Boolean(this=value.lower() == "true"))
    if subject.type in TEMPORAL:
        start, end = _date_bounds(subject, value, scope)
        low_subject, low = against_stored(subject, temporal(start), scope)
        high_subject, high = against_stored(subject, temporal(end), scope)
        return exp.Paren(
            this=exp.And(
                this=exp.GTE(this=low_subject, expression=low),
                expression=exp.LT(this=high_subject.copy(), expression=high),
            )
        )
    raise scope.error(
        f"refine/exclude ne s'applique pas à un champ {subject.type}",
        f"refine/exclude does not apply to a {subject.type} field",
        value,
    )


def _date_bounds(subject: Typed, value: str, scope: Scope) -> tuple[dt.date, dt.date]:
    match = _DATE_LEVELS.fullmatch(value.strip())
    if not match:
        raise _bad(subject, value, scope)
    year, month, day = (int(p) if p else None for p in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        start = dt.date(year, month, day or 1)
        if day is not None:
            return start, start + dt.timedelta(days=1)
        return start, dt.date(year + month // 12, month % 12 + 1, 1)
    except (ValueError, OverflowError):
        raise _bad(subject, value, scope) from None


def _bad(subject: Typed, value: str, scope: Scope) -> Exception:
    return scope.error(
        f"valeur « {value[:80]} » impossible pour un champ {subject.type}",
        f"value '{value[:80]}' is impossible for a {subject.type} field",
        value[:80],
    )
