"""The constraints of a Table Schema field, kept as written in the descriptor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# descriptor key -> attribute
CONSTRAINT_KEYS: dict[str, str] = {
    "required": "required",
    "unique": "unique",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "minLength": "min_length",
    "maxLength": "max_length",
    "pattern": "pattern",
    "enum": "enum",
    "jsonSchema": "json_schema",
}


@dataclass(frozen=True)
class Constraints:
    """Field constraints; bounds and enum values stay as in the descriptor (dates as strings)."""

    required: bool = False
    unique: bool = False
    minimum: Any = None
    maximum: Any = None
    exclusive_minimum: Any = None
    exclusive_maximum: Any = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    enum: tuple[Any, ...] | None = None
    json_schema: dict[str, Any] | None = field(default=None, hash=False)  # v2, object/array
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @classmethod
    def from_dict(cls, descriptor: dict[str, Any]) -> Constraints:
        """Build from a (checked) ``constraints`` descriptor; unknown keys stay in ``raw``."""
        values: dict[str, Any] = {}
        for key, attribute in CONSTRAINT_KEYS.items():
            if key in descriptor and descriptor[key] is not None:
                value = descriptor[key]
                values[attribute] = tuple(value) if key == "enum" else value
        return cls(**values, raw=dict(descriptor))

    def to_dict(self) -> dict[str, Any]:
        """The ``constraints`` descriptor: raw keys overlaid with every set constraint."""
        out: dict[str, Any] = dict(self.raw)
        for key, attribute in CONSTRAINT_KEYS.items():
            value = getattr(self, attribute)
            if key in ("required", "unique"):
                if value or key in self.raw:
                    out[key] = value
            elif value is not None:
                out[key] = list(value) if key == "enum" else value
        return out

    @property
    def is_empty(self) -> bool:
        """True when no constraint is set."""
        return not self.to_dict()
