"""CKAN's datastore ``filters``, ``q`` and ``sort`` as sqlglot conditions, never SQL text.

``filters`` follow CKAN 2.12's query filters: ``{"field": value}`` (equality), a list (``in``,
with range dicts among the values ORed in), ``{"gte": 1, "lt": 9}`` (operators ANDed),
``$or``/``$and`` over lists of at least two filters, a top-level list ORed, ``$$`` escaping
a field starting with ``$``. Field names are checked against the version's columns and every
value becomes a typed literal (a value the column's type cannot hold is a ``Validation
Error``). ``q`` is full text: every word must appear, case ignored, in some column (a string)
or in the named column (``{"field": "words"}``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlglot import exp

from territoria.api.ckan.envelope import invalid

OPERATORS: dict[str, type[exp.Binary]] = {
    "eq": exp.EQ, "gt": exp.GT, "gte": exp.GTE, "lt": exp.LT, "lte": exp.LTE,
}  # fmt: skip
Columns = Mapping[str, str]
"""Column name → our field type (text, int, double, date, datetime, boolean…)."""


def _narrow(node: object) -> exp.Expression:
    """sqlglot's builders are typed loosely (``Condition``); they return expressions."""
    if not isinstance(node, exp.Expression):
        raise TypeError(f"expected a sqlglot Expression, got {type(node).__name__}")
    return node


def all_of(parts: Sequence[exp.Expression]) -> exp.Expression:
    """``parts`` ANDed (parenthesised as needed)."""
    return _narrow(exp.and_(*parts))


def any_of(parts: Sequence[exp.Expression]) -> exp.Expression:
    """``parts`` ORed (parenthesised as needed)."""
    return _narrow(exp.or_(*parts))


def _bad(message_en: str, message_fr: str) -> Exception:
    return invalid("filters", message_en, message_fr)


def column(name: str) -> exp.Column:
    """A quoted column reference."""
    return exp.column(exp.to_identifier(name, quoted=True))


def typed(value: Any, kind: str, name: str) -> exp.Expression:
    """``value`` as a literal of the column type ``kind``."""
    try:
        if isinstance(value, bool) or kind == "boolean":
            text = str(value).strip().lower()
            if text not in ("true", "false", "1", "0", "t", "f"):
                raise ValueError(value)
            return exp.Boolean(this=text in ("true", "1", "t"))
        if kind == "int":
            return exp.Literal.number(int(str(value)))
        if kind == "double":
            return exp.Literal.number(float(str(value)))
        if kind == "date":
            day = dt.date.fromisoformat(str(value))
            return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)
        if kind == "datetime":
            moment = dt.datetime.fromisoformat(str(value))
            return exp.cast(exp.Literal.string(moment.isoformat()), exp.DataType.Type.TIMESTAMPTZ)
    except (TypeError, ValueError):
        raise _bad(
            f'invalid value for field "{name}": {value!r}',
            f"valeur invalide pour le champ « {name} » : {value!r}",
        ) from None
    if isinstance(value, dict | list):
        raise _bad(f'invalid value for field "{name}"', f"valeur invalide pour « {name} »")
    return exp.Literal.string(str(value))


def _operations(name: str, ops: Mapping[str, Any], columns: Columns) -> exp.Expression:
    parts: list[exp.Expression] = []
    for op, value in ops.items():
        if op == "in":
            parts.append(_field(name, list(value) if isinstance(value, list) else [value], columns))
        elif op in OPERATORS:
            compared = OPERATORS[op](
                this=column(name), expression=typed(value, columns[name], name)
            )
            parts.append(_narrow(compared))
        else:
            raise _bad(f"unknown operator: {op}", f"opérateur inconnu : {op}")
    if not parts:
        raise _bad(f'empty filter for field "{name}"', f"filtre vide pour « {name} »")
    return all_of(parts)


def _field(name: str, value: Any, columns: Columns) -> exp.Expression:
    if name not in columns:
        raise _bad(f'field "{name}" not in table', f"champ « {name} » absent de la table")
    if isinstance(value, Mapping):
        return _operations(name, value, columns)
    if isinstance(value, list):
        scalars = [typed(v, columns[name], name) for v in value if not isinstance(v, Mapping)]
        parts: list[exp.Expression] = []
        if scalars:
            parts.append(exp.In(this=column(name), expressions=scalars))
        parts += [_operations(name, v, columns) for v in value if isinstance(v, Mapping)]
        if not parts:
            return exp.false()  # an empty list matches nothing
        return any_of(parts) if len(parts) > 1 else parts[0]
    return exp.EQ(this=column(name), expression=typed(value, columns[name], name))


def condition(filters: Any, columns: Columns) -> exp.Expression | None:
    """The WHERE condition of ``filters`` (None when there is none)."""
    if filters is None or filters == {}:
        return None
    if isinstance(filters, list):  # a top-level list is ORed, one filter allowed
        return _combine("$or", filters, columns, minimum=1)
    if not isinstance(filters, Mapping):
        raise _bad("filters must be a dict or a list of dicts", "filtres : objet JSON attendu")
    parts: list[exp.Expression] = []
    for key, value in filters.items():
        if key in ("$or", "$and"):
            parts.append(_combine(key, value, columns))
        else:
            parts.append(_field(key[1:] if key.startswith("$$") else key, value, columns))
    return all_of(parts) if parts else None


def _combine(op: str, items: Any, columns: Columns, minimum: int = 2) -> exp.Expression:
    if not isinstance(items, list) or len(items) < minimum:
        raise _bad(f"{op} needs a list of at least two filters", f"{op} : au moins deux filtres")
    if not all(isinstance(i, Mapping) for i in items):
        raise _bad(f"{op} needs a list of filters", f"{op} : liste de filtres attendue")
    parts = [c for c in (condition(i, columns) for i in items) if c is not None]
    if not parts:
        return exp.true()
    return any_of(parts) if op == "$or" else all_of(parts)
