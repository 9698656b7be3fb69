"""SQL fast paths: the common lexical forms of each type, decided exactly in DuckDB.

Each path gives a predicate that is true only for cells the reference would accept, and the
typed SQL value of those cells. Anything else falls through to the reference.
"""

from __future__ import annotations

import re
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


EMAIL = "(?i)[a-z0-9_+-]+(\\.[a-z0-9_+-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}"
UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _string(col: str, field: Field) -> FastPath | None:
    if field.format == "default":
        return FastPath("TRUE", col, exact=True)
    if field.format == "email":
        ok = f"regexp_full_match({col}, {text(EMAIL)}) AND length({col}) <= 254"
        return FastPath(f"({ok} AND strpos({col}, '@') <= 65)", col)
    if field.format == "uuid":
        return FastPath(f"regexp_full_match({col}, {text(UUID)})", col)
    return None


def _integer(col: str, field: Field) -> FastPath | None:
    if not field.bare_number:
        return None
    return FastPath(f"regexp_full_match({col}, '-?[0-9]{{1,18}}')", f"TRY_CAST({col} AS BIGINT)")


def _number(col: str, field: Field) -> FastPath | None:
    if not field.bare_number or len(field.decimal_char) != 1 or len(field.group_char) > 1:
        return None
    dec, group = re.escape(field.decimal_char), re.escape(field.group_char)
    digits = f"[0-9{group}]" if group else "[0-9]"
    pattern = f"-?[0-9]{digits}*({dec}[0-9]+)?"
    value = col
    if field.group_char:
        value = f"replace({value}, {text(field.group_char)}, '')"
    if field.decimal_char != ".":
        value = f"replace({value}, {text(field.decimal_char)}, '.')"
    return FastPath(f"regexp_full_match({col}, {text(pattern)})", f"TRY_CAST({value} AS DOUBLE)")


def _boolean(col: str, field: Field) -> FastPath | None:
    both = tuple(field.true_values) + tuple(field.false_values)
    if not both:
        return FastPath("FALSE", "NULL", exact=True)
    truth = f"({col} IN {texts(field.true_values)})" if field.true_values else "FALSE"
    return FastPath(f"({col} IN {texts(both)})", truth, exact=True)


def _date(col: str, field: Field) -> FastPath | None:
    if field.format != "default":
        return None
    ok = f"regexp_full_match({col}, '[1-9][0-9]{{3}}-[0-9]{{2}}-[0-9]{{2}}')"
    return FastPath(f"({ok} AND TRY_CAST({col} AS DATE) IS NOT NULL)", f"TRY_CAST({col} AS DATE)")


def _year(col: str, field: Field) -> FastPath | None:
    return FastPath(f"regexp_full_match({col}, '[0-9]{{4}}')", f"TRY_CAST({col} AS INTEGER)")


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
