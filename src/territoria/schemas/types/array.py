"""The ``array`` type: a cell holding a JSON array, its items typed by ``arrayItem`` if given."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None

# JSON values a typed item accepts as they are (text items go through the type's parser)
_NATIVE: dict[str, Any] = {
    "string": lambda v: False,
    "integer": lambda v: isinstance(v, int) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, int | float | Decimal),
    "boolean": lambda v: False,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "any": lambda v: True,
}


def _item_ok(item: Any, item_field: Field) -> bool:
    """Whether one decoded item has the ``arrayItem`` type."""
    from territoria.schemas.types import parse_cell  # the registry imports this module

    if item is None:
        return True
    if isinstance(item, bool):
        return item_field.type in ("boolean", "any")
    if isinstance(item, str):
        return not isinstance(parse_cell(item, item_field), Invalid)
    accepts = _NATIVE.get(item_field.type, lambda v: False)
    return bool(accepts(item))


def item_field(field: Field) -> Field | None:
    """The field that types the items, built from ``arrayItem`` (type ``any`` if unstated)."""
    if not field.array_item:
        return None
    from territoria.schemas.descriptor import field_from_dict

    descriptor = {k: v for k, v in field.array_item.items() if k != "arrayItem"}
    descriptor.setdefault("name", field.name)
    descriptor.setdefault("type", "any")
    return field_from_dict(descriptor, index=0, source=None)


def parse(cell: str, field: Field) -> list[Any] | Invalid:
    """The decoded JSON list, when every item reads as the ``arrayItem`` type."""
    try:
        value = json.loads(cell)
    except ValueError:
        return INVALID
    if not isinstance(value, list):
        return INVALID
    items = item_field(field)
    if items is not None and not all(_item_ok(item, items) for item in value):
        return INVALID
    return value


VALID_SAMPLES: list[Sample] = [
    ("[]", {}),
    ('["a", "b"]', {}),
    ("[1, 2.5, null]", {}),
    ('["bim", "lsf"]', {"arrayItem": {"type": "string"}}),
    ("[1, 2, 3]", {"arrayItem": {"type": "integer"}}),
    ('["2024-01-01"]', {"arrayItem": {"type": "date"}}),
]
INVALID_SAMPLES: list[Sample] = [
    ("{}", {}),
    ("a,b", {}),
    ('"a"', {}),
    ('["a", 1]', {"arrayItem": {"type": "integer"}}),
    ('["2024-13-01"]', {"arrayItem": {"type": "date"}}),
]
