"""The strict checks of a field's constraints: known, supported by its type, well typed."""

from __future__ import annotations

from typing import Any

from territoria.schemas.constraints import CONSTRAINT_KEYS
from territoria.schemas.model import Field
from territoria.schemas.patterns import check_pattern
from territoria.schemas.problems import fail
from territoria.schemas.types import INVALID, parse_cell

_SUPPORTED = {
    "string": {"minLength", "maxLength", "pattern", "enum"},
    "object": {"minLength", "maxLength", "enum", "jsonSchema"},
    "array": {"minLength", "maxLength", "enum", "jsonSchema"},
    "list": {"minLength", "maxLength", "enum"},
}
_BOUNDS = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"}
_ORDERED = {"integer", "number", "date", "time", "datetime", "year", "yearmonth"}


def _supported(kind: str) -> set[str]:
    if kind in _SUPPORTED:
        return _SUPPORTED[kind] | {"required", "unique"}
    extra = _BOUNDS if kind in _ORDERED else {"enum"}
    return extra | {"required", "unique"}


def check_constraints(raw: Any, properties: dict[str, Any], name: str, source: str | None) -> None:
    """Each constraint of a field has the right type and is supported by the field's type."""
    if not isinstance(raw, dict):
        fail(
            source,
            f"champ « {name} » : « constraints » doit être un objet",
            f"field “{name}”: “constraints” must be an object",
        )
    kind = properties["type"]
    probe = Field(name=name, **properties)
    for key, value in raw.items():
        if key not in CONSTRAINT_KEYS or value is None:
            continue
        where_fr, where_en = (
            f"champ « {name} », contrainte « {key} »",
            f"field “{name}”, constraint “{key}”",
        )
        if key not in _supported(kind):
            fail(
                source,
                f"{where_fr} : non prise en charge par le type {kind}",
                f"{where_en}: not supported by type {kind}",
                "retirez-la",
                "remove it",
            )
        if key in ("required", "unique") and not isinstance(value, bool):
            fail(
                source,
                f"{where_fr} : doit valoir true ou false",
                f"{where_en}: must be true or false",
            )
        if key in ("minLength", "maxLength") and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            fail(
                source,
                f"{where_fr} : doit être un entier positif",
                f"{where_en}: must be a non-negative integer",
            )
        if key == "enum" and not isinstance(value, list):
            fail(source, f"{where_fr} : doit être une liste", f"{where_en}: must be a list")
        if key == "jsonSchema" and not isinstance(value, dict):
            fail(source, f"{where_fr} : doit être un objet", f"{where_en}: must be an object")
        if key == "pattern":
            check_pattern(value, where_fr, where_en, source)
        if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") and not _readable(
            value, probe
        ):
            fail(
                source,
                f"{where_fr} : {value!r} n'est pas une valeur de type {kind}",
                f"{where_en}: {value!r} is not a {kind} value",
                "écrivez la borne comme une cellule de ce champ",
                "write the bound as a cell of this field",
            )


def _readable(value: Any, probe: Any) -> bool:
    """Whether a bound reads as a value of the field (numbers may be written as JSON numbers)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float) and probe.type in ("integer", "number", "year"):
        return probe.type != "integer" or float(value).is_integer()
    return isinstance(value, str) and parse_cell(value, probe) is not INVALID
