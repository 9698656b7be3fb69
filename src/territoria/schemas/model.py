"""The typed, immutable model of a Table Schema (v1 and 2.0): Schema, Field, Constraints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from territoria.schemas.constraints import Constraints

__all__ = ["DEFAULT_FALSE_VALUES", "DEFAULT_TRUE_VALUES", "Constraints", "Field", "Schema"]

DEFAULT_TRUE_VALUES: tuple[str, ...] = ("true", "True", "TRUE", "1")
DEFAULT_FALSE_VALUES: tuple[str, ...] = ("false", "False", "FALSE", "0")
FIELDS_MATCH = ("exact", "equal", "subset", "superset", "partial")

# descriptor key -> (attribute, default) for the typed field properties beyond the basics
_FIELD_PROPERTIES: dict[str, tuple[str, Any]] = {
    "format": ("format", "default"),
    "title": ("title", None),
    "description": ("description", None),
    "example": ("example", None),
    "decimalChar": ("decimal_char", "."),
    "groupChar": ("group_char", ""),
    "bareNumber": ("bare_number", True),
    "trueValues": ("true_values", DEFAULT_TRUE_VALUES),
    "falseValues": ("false_values", DEFAULT_FALSE_VALUES),
    "delimiter": ("delimiter", ","),
    "itemType": ("item_type", "string"),
    "arrayItem": ("array_item", None),
}


def _plain(value: Any) -> Any:
    """Tuples back to JSON lists, recursively."""
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema; ``raw`` keeps the descriptor as written (unknown keys too)."""

    name: str
    type: str = "string"
    format: str = "default"
    title: str | None = None
    description: str | None = None
    example: Any = None
    constraints: Constraints = field(default_factory=Constraints)
    missing_values: tuple[str, ...] | None = None  # v2 field-level; None = the schema's
    decimal_char: str = "."
    group_char: str = ""
    bare_number: bool = True
    true_values: tuple[str, ...] = DEFAULT_TRUE_VALUES
    false_values: tuple[str, ...] = DEFAULT_FALSE_VALUES
    delimiter: str = ","  # list (v2)
    item_type: str = "string"  # list (v2)
    array_item: dict[str, Any] | None = field(default=None, hash=False)  # array (v1 extension)
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def required(self) -> bool:
        """Whether the ``required`` constraint is set."""
        return self.constraints.required

    def to_dict(self) -> dict[str, Any]:
        """The field descriptor: the raw keys, overlaid with every set or non-default property."""
        out: dict[str, Any] = dict(self.raw)
        out["name"] = self.name
        out["type"] = self.type
        for key, (attribute, default) in _FIELD_PROPERTIES.items():
            value = getattr(self, attribute)
            if key in self.raw or value != default:
                out[key] = _plain(value)
        if self.missing_values is not None:
            raw_mv = self.raw.get("missingValues")
            same = isinstance(raw_mv, list) and _values_of(raw_mv) == self.missing_values
            out["missingValues"] = raw_mv if same else list(self.missing_values)
        constraints = self.constraints.to_dict()
        if constraints or "constraints" in self.raw:
            out["constraints"] = constraints
        return out


def _values_of(entries: list[Any]) -> tuple[str, ...]:
    """Missing values as strings, from plain strings or v2 ``{"value", "label"}`` objects."""
    return tuple(e["value"] if isinstance(e, dict) else e for e in entries)


@dataclass(frozen=True)
class Schema:
    """A Table Schema: fields, missing values, keys; ``metadata`` keeps everything else raw."""

    fields: tuple[Field, ...]
    missing_values: tuple[str, ...] = ("",)
    primary_key: tuple[str, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = field(default=(), hash=False)
    fields_match: str = "exact"
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def field_names(self) -> list[str]:
        """The field names, in order."""
        return [f.name for f in self.fields]

    def get_field(self, name: str) -> Field:
        """The field called ``name`` (KeyError when there is none)."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def missing_values_for(self, target: Field | str) -> tuple[str, ...]:
        """The missing values that apply to a field: its own (v2) or else the schema's."""
        found = self.get_field(target) if isinstance(target, str) else target
        return found.missing_values if found.missing_values is not None else self.missing_values

    def to_dict(self) -> dict[str, Any]:
        """The schema descriptor, round-tripping what was loaded."""
        out: dict[str, Any] = dict(self.metadata)
        out["fields"] = [f.to_dict() for f in self.fields]
        raw_mv = self.raw.get("missingValues")
        if isinstance(raw_mv, list) and _values_of(raw_mv) == self.missing_values:
            out["missingValues"] = raw_mv
        elif self.missing_values != ("",):
            out["missingValues"] = list(self.missing_values)
        raw_pk = self.raw.get("primaryKey")
        if isinstance(raw_pk, str) and (raw_pk,) == self.primary_key:
            out["primaryKey"] = raw_pk
        elif self.primary_key or "primaryKey" in self.raw:
            out["primaryKey"] = list(self.primary_key)
        if self.unique_keys or "uniqueKeys" in self.raw:
            out["uniqueKeys"] = [list(key) for key in self.unique_keys]
        if self.foreign_keys or "foreignKeys" in self.raw:
            out["foreignKeys"] = list(self.foreign_keys)
        if self.fields_match != "exact" or "fieldsMatch" in self.raw:
            out["fieldsMatch"] = self.fields_match
        return out
