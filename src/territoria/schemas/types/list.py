"""The ``list`` type (Table Schema 2.0): items split on ``delimiter``, each of ``itemType``."""

from __future__ import annotations

from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None
ITEM_TYPES = ("string", "integer", "number", "boolean", "date", "time", "datetime")


def parse(cell: str, field: Field) -> list[Any] | Invalid:
    """Every item read with the default format of ``itemType``; one bad item rejects the cell."""
    from territoria.schemas.types import parse_cell  # the registry imports this module

    item = Field(name=field.name, type=field.item_type)
    values: list[Any] = []
    for text in cell.split(field.delimiter):
        value = parse_cell(text, item)
        if isinstance(value, Invalid):
            return INVALID
        values.append(value)
    return values


VALID_SAMPLES: list[Sample] = [
    ("a,b,c", {}),
    ("seul", {}),
    ("1,2,3", {"itemType": "integer"}),
    ("1, 2, 3", {"itemType": "integer"}),
    ("1;2;3", {"itemType": "integer", "delimiter": ";"}),
    ("2024-01-01,2024-02-01", {"itemType": "date"}),
    ("true,false", {"itemType": "boolean"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("1,a,3", {"itemType": "integer"}),
    ("1,,3", {"itemType": "integer"}),
    ("1;2", {"itemType": "integer"}),
    ("2024-13-01", {"itemType": "date"}),
    ("oui,non", {"itemType": "boolean"}),
]
