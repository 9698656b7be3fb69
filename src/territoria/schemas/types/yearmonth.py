"""The ``yearmonth`` type: ``YYYY-MM`` read as two integers around a single ``-``."""

from __future__ import annotations

from typing import NamedTuple

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None


class YearMonth(NamedTuple):
    """A year and a month (1–12)."""

    year: int
    month: int


def parse(cell: str, field: Field) -> YearMonth | Invalid:
    """Split on ``-`` into exactly two ``int()`` literals, the month within 1–12."""
    parts = cell.split("-")
    if len(parts) != 2:
        return INVALID
    try:
        year, month = int(parts[0]), int(parts[1])
    except ValueError:
        return INVALID
    return YearMonth(year, month) if 1 <= month <= 12 else INVALID


VALID_SAMPLES: list[Sample] = [("2024-01", {}), ("2024-12", {}), ("2024-3", {}), ("99-06", {})]
INVALID_SAMPLES: list[Sample] = [
    ("2024-13", {}),
    ("2024-00", {}),
    ("2024/01", {}),
    ("202401", {}),
    ("2024-01-01", {}),
    ("janvier 2024", {}),
]
