"""Safe SQL fragments: quoted identifiers and literals built from schema values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from territoria.errors import SchemaError


def ident(name: str) -> str:
    """A double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def text(value: str) -> str:
    """A SQL string literal; refuses NUL, which no SQL engine can carry."""
    if "\x00" in value:
        raise SchemaError(
            "Une valeur du schéma contient le caractère NUL.",
            "A schema value contains the NUL character.",
        )
    return "'" + value.replace("'", "''") + "'"


def texts(values: tuple[str, ...] | list[str]) -> str:
    """A parenthesised list of string literals, for ``IN``."""
    return "(" + ", ".join(text(v) for v in values) + ")"


def typed(value: Any) -> str | None:
    """A SQL literal for a parsed Python value, or None when SQL has no exact equivalent."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal | float):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            return None
        return f"CAST({number!r} AS DOUBLE)"
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, str):
        return text(value)
    return None
