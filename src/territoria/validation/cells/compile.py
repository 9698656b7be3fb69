"""Compile one column's checks to SQL: the error-mask expression and the typed-value expression."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID
from territoria.validation.cells.bits import ATTRIBUTES, CONSTRAINT_BITS, SUPPORTED, TYPE, UNDECIDED
from territoria.validation.cells.fast import FastPath, fast_path
from territoria.validation.cells.globs import regex_to_globs
from territoria.validation.cells.reference import constraint_value, make_checker
from territoria.validation.cells.sql import text, texts, typed

SHORT_ENUM = 32

SQL_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "year": "INTEGER",
}


@dataclass(frozen=True)
class CompiledColumn:
    """SQL of one column: ``mask`` (0 = valid cell), ``blank`` (cell counts as empty)."""

    mask: str
    blank: str
    key: str  # canonical text of a non-missing cell, for unique keys (type errors excluded later)
    checker: Callable[[str | None], int] | None  # the reference, for undecided cells
    prepared: str | None = None  # ``<typed value> AS <alias>``, to compute below ``mask``


def _missing_predicate(col: str, missing_values: tuple[str, ...]) -> str:
    if not missing_values:
        return f"({col} IS NULL)"
    if len(missing_values) == 1:
        return f"({col} IS NULL OR {col} = {text(missing_values[0])})"
    return f"({col} IS NULL OR {col} IN {texts(missing_values)})"


def _constraints_sql(col: str, value: str, field: Field) -> str | None:
    """SQL mask of the field's constraints on a valid cell, or None if SQL cannot be exact."""
    parts: list[str] = []
    for name in SUPPORTED[field.type]:
        raw = getattr(field.constraints, ATTRIBUTES[name])
        if name == "required" or raw is None:
            continue
        bit = CONSTRAINT_BITS[name]
        condition = _violation(name, raw, col, value, field)
        if condition is None:
            return None
        parts.append(f"CASE WHEN {condition} THEN {bit} ELSE 0 END")
    return " + ".join(parts) if parts else "0"


def _violation(name: str, raw: Any, col: str, value: str, field: Field) -> str | None:
    if name == "minLength":
        return f"length({col}) < {int(raw)}"
    if name == "maxLength":
        return f"length({col}) > {int(raw)}"
    if name == "pattern":
        globs = regex_to_globs(str(raw))
        if globs:  # a fixed-shape code: GLOB matches it twice as fast as RE2
            return "NOT (" + " OR ".join(f"{col} GLOB {text(glob)}" for glob in globs) + ")"
        return f"NOT regexp_full_match({col}, {text(str(raw))})"
    if name == "enum":
        if field.type in ("string", "any") and not all(isinstance(i, str) for i in raw):
            return None
        literals = [typed(constraint_value(field, item)) for item in raw]
        if any(literal is None for literal in literals) or not literals:
            return None
        listed = ", ".join(str(lit) for lit in literals)
        if len(literals) <= SHORT_ENUM:  # a scan of a short list beats a hash join
            return f"NOT list_contains([{listed}], {value})"
        return f"{value} NOT IN ({listed})"
    bound = constraint_value(field, raw)
    literal = typed(bound) if bound is not INVALID else None
    if literal is None:
        return None
    operator = {"minimum": "<", "maximum": ">", "exclusiveMinimum": "<=", "exclusiveMaximum": ">="}
    return f"{value} {operator[name]} {literal}"


def compile_column(
    col: str,
    field: Field,
    missing_values: tuple[str, ...],
    value_alias: str | None = None,
    *,
    empty_is_null: bool = False,
) -> CompiledColumn:
    """Mask, blank and key SQL for ``field`` read from ``col``.

    Cells the SQL path cannot decide get the mask :data:`UNDECIDED`; the scan resolves them
    afterwards with the returned reference checker, on their distinct values only.

    With ``value_alias``, a typed value the constraints use is computed once, in a projection
    below the mask (``prepared``), instead of once per constraint. ``empty_is_null``: the
    source reads every empty cell as NULL, so ``''`` needs no comparison of its own.
    """
    tested = tuple(v for v in missing_values if v) if empty_is_null else missing_values
    missing = _missing_predicate(col, tested)
    required = CONSTRAINT_BITS["required"] if field.constraints.required else 0
    path: FastPath | None = fast_path(col, field)
    constraints = _constraints_sql(col, path.value, field) if path else None
    prepared = None
    if path is not None and constraints is not None:
        valid = path.valid
        if constraints != "0" and path.compared != "TRUE":
            valid = f"({valid} AND {path.compared})"
        if value_alias and path.value != col and path.value in valid + constraints:
            prepared = f"{path.value} AS {value_alias}"
            valid = valid.replace(path.value, value_alias)
            constraints = constraints.replace(path.value, value_alias)
        checker = None if path.exact else make_checker(field, missing_values)
        fallback = str(TYPE) if path.exact else str(UNDECIDED)
        mask = (
            f"CASE WHEN {missing} THEN {required} WHEN {valid} THEN {constraints} "
            f"ELSE {fallback} END"
        )
        # Cells whose type is invalid are left out of keys later (their mask has the TYPE
        # bit), so any valid cell DuckDB can cast is keyed by its typed value: '02023' and
        # '2023' are the same integer.
        typed_text = f"CAST({path.value} AS VARCHAR)" if path.value != col else col
        key = f"CASE WHEN {missing} THEN NULL ELSE coalesce({typed_text}, {col}) END"
        return CompiledColumn(mask, missing, key, checker, prepared)
    mask = f"CASE WHEN {missing} THEN {required} ELSE {UNDECIDED} END"
    key = f"CASE WHEN {missing} THEN NULL ELSE {col} END"
    return CompiledColumn(mask, missing, key, make_checker(field, missing_values))
