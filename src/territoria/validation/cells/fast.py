"""SQL fast paths: the common lexical forms of each type, decided exactly in DuckDB.

Each path gives a predicate that is true only for cells the reference would accept, and the
typed SQL value of those cells. Anything else falls through to the reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from territoria.schemas.model import Field
from territoria.validation.cells.sql import text, texts


@dataclass(frozen=True)
class FastPath:
    """``valid``: SQL predicate on the raw cell; ``value``: its typed value when valid (a
    ``TRY_CAST``, so that it may be computed ahead for every cell, valid or not)."""

    valid: str
    value: str
    exact: bool = False  # True: a cell failing ``valid`` is a type error, no reference needed
    compared: str = "TRUE"  # further condition for ``value`` to compare exactly with bounds


EMAIL = "(?i)[a-z0-9_+-]+(\\.[a-z0-9_+-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _string(col: str, field: Field) -> FastPath | None:
    if field.format == "default":
        return FastPath("TRUE", col, exact=True)
    if field.format == "email":
        # The expression only accepts ASCII, so bytes are characters; the local part (before
        # the only '@') is at most 64 characters, which a short address need not search for.
        ok = f"regexp_full_match({col}, {text(EMAIL)}) AND strlen({col}) <= 254"
        return FastPath(f"({ok} AND (strlen({col}) <= 65 OR strpos({col}, '@') <= 65))", col)
    if field.format == "uuid":
        return FastPath(f"regexp_full_match({col}, {text(UUID)})", col)
    return None


def _integer(col: str, field: Field) -> FastPath | None:
    """DuckDB's cast, kept only when it prints back the cell: that is the canonical form
    (no sign ``+``, leading zero, space or ``_``), which the reference reads the same way,
    while the cast also takes ``'1.5'``, ``'1e3'`` or ``'0x10'``, which Table Schema refuses."""
    if not field.bare_number:
        return None
    value = f"TRY_CAST({col} AS BIGINT)"
    return FastPath(f"CAST({value} AS VARCHAR) = {col}", value)


def _number(col: str, field: Field) -> FastPath | None:
    """DuckDB's cast, whose accepted forms are the reference's (sign, digits, ``.``,
    exponent, ``inf``, ``_`` between digits, surrounding spaces) but for a doubled sign
    (``+-1``) and NaN, both sent to the reference. Comparisons with bounds are exact for
    cells of at most 15 characters (a double holds 15 significant digits), unless an exponent
    underflowed to 0 (``1e-400``); an overflow to infinity still compares right."""
    if not field.bare_number or len(field.decimal_char) != 1 or len(field.group_char) > 1:
        return None
    value = col
    if field.group_char:
        value = f"replace({value}, {text(field.group_char)}, '')"
    if field.decimal_char != ".":
        value = f"replace({value}, {text(field.decimal_char)}, '.')"
    typed = f"TRY_CAST({value} AS DOUBLE)"
    # Guards ordered so that the common cell pays one comparison: a doubled sign can only
    # give a value <= 0, an exponent can only underflow to 0.
    valid = [f"NOT isnan({typed})", f"({typed} > 0 OR NOT contains({col}, '+'))"]
    if field.decimal_char != "." and field.group_char != ".":
        valid.append(f"NOT contains({col}, '.')")  # a '.' left over: refused by the reference
    exponent = f"contains({col}, 'e') OR contains({col}, 'E')"
    compared = f"strlen({col}) <= 15 AND ({typed} <> 0 OR NOT ({exponent}))"
    return FastPath(f"({' AND '.join(valid)})", typed, compared=compared)


def _boolean(col: str, field: Field) -> FastPath | None:
    both = tuple(field.true_values) + tuple(field.false_values)
    if not both:
        return FastPath("FALSE", "NULL", exact=True)
    truth = f"({col} IN {texts(field.true_values)})" if field.true_values else "FALSE"
    return FastPath(f"({col} IN {texts(both)})", truth, exact=True)


def _date(col: str, field: Field) -> FastPath | None:
    """DuckDB's cast, kept when it prints back the cell: ``YYYY-MM-DD`` of a real date."""
    if field.format != "default":
        return None
    value = f"TRY_CAST({col} AS DATE)"
    return FastPath(f"CAST({value} AS VARCHAR) = {col}", value)


def _year(col: str, field: Field) -> FastPath | None:
    value = f"TRY_CAST({col} AS INTEGER)"
    return FastPath(f"(strlen({col}) = 4 AND CAST({value} AS VARCHAR) = {col})", value)


def _any(col: str, field: Field) -> FastPath | None:
    return FastPath("TRUE", col, exact=True)


PATHS: dict[str, Callable[[str, Field], FastPath | None]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "date": _date,
    "year": _year,
    "any": _any,
}


def fast_path(col: str, field: Field) -> FastPath | None:
    """The SQL fast path of ``field`` read from column ``col``, if its type has one."""
    make = PATHS.get(field.type)
    return make(col, field) if make else None
