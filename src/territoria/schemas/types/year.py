"""The ``year`` type: exactly four characters that ``int()`` reads as 0–9999."""

from __future__ import annotations

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None


def parse(cell: str, field: Field) -> int | Invalid:
    """The year as an ``int``; the cell is not stripped, so ``" 2024"`` is five characters."""
    if len(cell) != 4:
        return INVALID
    try:
        value = int(cell)
    except ValueError:
        return INVALID
    return value if 0 <= value <= 9999 else INVALID


VALID_SAMPLES: list[Sample] = [("2024", {}), ("1789", {}), ("0001", {}), ("0000", {})]
INVALID_SAMPLES: list[Sample] = [
    ("24", {}),
    ("20245", {}),
    ("2024.0", {}),
    ("-202", {}),
    ("an 2", {}),
    ("2024 ", {}),
]
