"""The exact, Python side of cell checking: frictionless' rules, one cell at a time, memoised.

Used for every cell the SQL fast path cannot decide (unusual lexical forms, invalid values,
types without a SQL path). Its verdict is the definition the SQL path must agree with.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from types import ModuleType
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID
from territoria.validation.cells.bits import ATTRIBUTES, CONSTRAINT_BITS, SUPPORTED, TYPE

MEMO_LIMIT = 200_000


@cache
def _type_module(field_type: str) -> ModuleType:
    return importlib.import_module(f"territoria.schemas.types.{field_type}")


def parse_cell(cell: str, field: Field) -> Any:
    """The cell read as ``field`` reads it, or INVALID (frictionless' rules)."""
    return _type_module(field.type).parse(cell, field)


def constraint_value(field: Field, value: Any) -> Any:
    """A bound or enum value of the descriptor read as the field reads cells (or INVALID)."""
    if isinstance(value, bool) or value is None:
        return value if field.type in ("boolean", "any") else INVALID
    if isinstance(value, int | float) and field.type in ("integer", "number", "year"):
        if field.type == "number":
            return Decimal(str(value))
        if isinstance(value, float) and not value.is_integer():
            return INVALID
        return int(value)
    if field.type == "any":
        return value
    if not isinstance(value, str):
        value = str(value)
    return parse_cell(value, field)


def _length(value: Any) -> int:
    return len(value)


def make_checker(field: Field, missing_values: tuple[str, ...]) -> Callable[[str | None], int]:
    """A function giving the error mask of one raw cell of ``field`` (0 when valid)."""
    supported = SUPPORTED.get(field.type, ["required"])
    missing = frozenset(missing_values)
    required_bit = CONSTRAINT_BITS["required"] if field.constraints.required else 0
    checks: list[tuple[int, Callable[[Any], bool]]] = []
    for name in supported:
        if name == "required":
            continue
        raw = getattr(field.constraints, ATTRIBUTES[name])
        if raw is None:
            continue
        bit = CONSTRAINT_BITS[name]
        checks.append((bit, _check(name, raw, field)))
    memo: dict[str, int] = {}

    def check(cell: str | None) -> int:
        if cell is None or cell in missing:
            return required_bit
        known = memo.get(cell)
        if known is not None:
            return known
        value = parse_cell(cell, field)
        if value is INVALID:
            mask = TYPE
        else:
            mask = 0
            for bit, ok in checks:
                if not ok(value):
                    mask |= bit
        if len(memo) < MEMO_LIMIT:
            memo[cell] = mask
        return mask

    return check


def _check(name: str, raw: Any, field: Field) -> Callable[[Any], bool]:
    """One constraint as a predicate on a parsed value, with frictionless' semantics."""
    if name == "minLength":
        return lambda value: _length(value) >= raw
    if name == "maxLength":
        return lambda value: _length(value) <= raw
    if name == "pattern":
        compiled = re.compile(f"^{raw}$")
        return lambda value: bool(compiled.match(value))
    if name == "enum":
        allowed = [constraint_value(field, item) for item in raw]
        return lambda value: value in allowed
    bound = constraint_value(field, raw)
    if bound is INVALID:
        return lambda value: True
    comparisons: dict[str, Callable[[Any], bool]] = {
        "minimum": lambda value: value >= bound,
        "maximum": lambda value: value <= bound,
        "exclusiveMinimum": lambda value: value > bound,
        "exclusiveMaximum": lambda value: value < bound,
    }
    compare = comparisons[name]

    def safe(value: Any) -> bool:
        try:
            return compare(value)
        except (TypeError, ArithmeticError):  # NaN has no order: it satisfies no bound
            return False

    return safe
