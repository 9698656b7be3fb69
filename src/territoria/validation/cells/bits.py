"""Error bits of a cell mask, and the order frictionless reports constraints in, per type."""

from __future__ import annotations

TYPE = 1
UNDECIDED = 1 << 20  # not decided by SQL: the reference resolves it after the scan
CONSTRAINT_BITS: dict[str, int] = {
    "required": 2,
    "minLength": 4,
    "maxLength": 8,
    "pattern": 16,
    "enum": 32,
    "minimum": 64,
    "maximum": 128,
    "exclusiveMinimum": 256,
    "exclusiveMaximum": 512,
}

_BOUNDS = ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"]

SUPPORTED: dict[str, list[str]] = {
    "any": ["required", "enum"],
    "array": ["required", "minLength", "maxLength", "enum"],
    "boolean": ["required", "enum"],
    "date": _BOUNDS,
    "datetime": _BOUNDS,
    "duration": ["required", "enum"],
    "geojson": ["required", "enum"],
    "geopoint": ["required", "enum"],
    "integer": _BOUNDS,
    "list": ["required", "minLength", "maxLength"],
    "number": _BOUNDS,
    "object": ["required", "minLength", "maxLength", "enum"],
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "time": _BOUNDS,
    "year": _BOUNDS,
    "yearmonth": _BOUNDS,
}

ATTRIBUTES: dict[str, str] = {
    "required": "required",
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "enum": "enum",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
}


def constraint_names(mask: int, field_type: str) -> list[str]:
    """Names of the constraints set in ``mask``, in the order frictionless reports them."""
    return [name for name in SUPPORTED[field_type] if mask & CONSTRAINT_BITS[name]]
