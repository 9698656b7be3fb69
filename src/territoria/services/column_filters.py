"""A table's column filters and sort as ODSQL clauses, every value quoted, never pasted in.

A filter per column, typed by the field: a text contains each word typed (``like``), a
number or a date is compared (``>= 10``, ``< 2020-06``, ``10..20``, a bare value is
equality), a boolean is ``true`` or ``false``. Values become ODSQL literals — strings
quoted as Opendatasoft's client quotes them (JSON), numbers and dates checked by pattern
before they are written — so the query service's compiler sees only literals it parses.
The portal's script (``static/js/dataset.js``) mirrors these forms for live filtering.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence

from territoria.errors import UserError
from territoria.query.fields import QueryField

FILTER_KINDS = {"text": "text", "int": "number", "double": "number", "date": "date",
                "datetime": "date", "boolean": "boolean"}  # fmt: skip
"""The filter each ODS type gets; geo and JSON fields get none."""
_COMPARISON = re.compile(r"^\s*(>=|<=|>|<|=)?\s*(.+?)\s*$")
_RANGE = re.compile(r"^\s*(.+?)\s*\.\.\s*(.+?)\s*$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class BadFilterError(UserError):
    """A filter value its column cannot be compared with (a word in a number column…)."""

    code = "bad-filter"
    http_status = 400


def filter_kind(field: QueryField) -> str | None:
    """``text``, ``number``, ``date``, ``boolean``, or None when the field is not filtered."""
    return FILTER_KINDS.get(field.type)


def odsql_string(value: str) -> str:
    """``value`` as an ODSQL string literal (double quotes, JSON escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _name(field: QueryField) -> str:
    return f"`{field.name}`"  # ODS identifiers are [a-z0-9_]: backquotes make keywords safe


def _real_date(text: str) -> bool:
    """``2024``, ``2024-03`` or ``2024-03-15`` naming a day of the calendar."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _literal(field: QueryField, kind: str, text: str) -> str:
    if kind == "number" and _NUMBER.match(text):
        value = float(text.replace(",", "."))
        if math.isfinite(value):
            return str(int(value)) if value.is_integer() and "." not in text else repr(value)
    if kind == "date" and _DATE.match(text) and _real_date(text):
        return f"date'{text}'"
    expected_fr = (
        "un nombre (10, 2,5) attendu"
        if kind == "number"
        else "une date (2024, 2024-03-15) attendue"
    )
    expected_en = "a number (10, 2.5)" if kind == "number" else "a date (2024, 2024-03-15)"
    raise BadFilterError(
        f"Filtre « {field.label} » : {expected_fr}, « {text} » reçu.",
        f"Filter '{field.label}': {expected_en} expected, '{text}' given.",
        details={"field": field.name, "value": text},
    )


def filter_clause(field: QueryField, raw: str) -> str | None:
    """The ODSQL condition of ``raw`` typed in ``field``'s filter (None when blank)."""
    text = raw.strip()
    kind = filter_kind(field)
    if not text or kind is None:
        return None
    if kind == "text":
        return f"{_name(field)} like {odsql_string(text)}"
    if kind == "boolean":
        if text not in ("true", "false"):
            raise BadFilterError(
                f"Filtre « {field.label} » : oui ou non attendu.",
                f"Filter '{field.label}': yes or no expected.",
                details={"field": field.name, "value": text},
            )
        return f"{_name(field)} is {text}"
    bounds = _RANGE.match(text)
    if bounds:
        low, high = (_literal(field, kind, part) for part in bounds.groups())
        return f"{_name(field)} >= {low} and {_name(field)} <= {high}"
    found = _COMPARISON.match(text)
    assert found is not None  # the pattern matches any non-blank text
    operator, value = found.group(1) or "=", found.group(2)
    return f"{_name(field)} {operator} {_literal(field, kind, value)}"


def where_clauses(
    fields: Sequence[QueryField], filters: Mapping[str, str]
) -> tuple[tuple[str, ...], dict[str, BadFilterError]]:
    """The conditions of ``filters`` (field name → typed text), and the refused ones by field
    (a page shows those next to their input and filters by the others)."""
    clauses: list[str] = []
    refused: dict[str, BadFilterError] = {}
    for field in fields:
        raw = filters.get(field.name)
        if raw is None:
            continue
        try:
            clause = filter_clause(field, raw)
        except BadFilterError as error:
            refused[field.name] = error
            continue
        if clause is not None:
            clauses.append(clause)
    return tuple(clauses), refused


def order_clause(fields: Sequence[QueryField], sort: str | None) -> str | None:
    """``voie`` → ``\\`voie\\` asc``, ``-voie`` → ``… desc``; None for no or an unknown field."""
    if not sort:
        return None
    name = sort.removeprefix("-")
    known = {f.name for f in fields if filter_kind(f) is not None}
    if name not in known:
        return None
    return f"`{name}` {'desc' if sort.startswith('-') else 'asc'}"
