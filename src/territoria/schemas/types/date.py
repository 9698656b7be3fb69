"""The ``date`` type: ISO ``YYYY-MM-DD`` by default, ``any``, or a strftime pattern."""

from __future__ import annotations

from datetime import date, datetime

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample
from territoria.schemas.types._fuzzy import parse_any_datetime

FORMATS: tuple[str, ...] | None = None  # default, any, or any strftime pattern
DEFAULT_PATTERN = "%Y-%m-%d"


def parse(cell: str, field: Field) -> date | Invalid:
    """A ``date``; the default format is Python's ``strptime`` with ``%Y-%m-%d``, so one-digit
    months and days (``2024-1-5``) pass exactly as they do in frictionless."""
    try:
        if field.format == "any":
            return parse_any_datetime(cell).date()
        pattern = DEFAULT_PATTERN if field.format == "default" else field.format
        return datetime.strptime(cell, pattern).date()
    except ValueError:
        return INVALID


VALID_SAMPLES: list[Sample] = [
    ("2024-12-25", {}),
    ("2024-02-29", {}),
    ("2024-1-5", {}),
    ("0001-01-01", {}),
    ("25/12/2024", {"format": "%d/%m/%Y"}),
    ("05/01/2024", {"format": "%d/%m/%Y"}),
    ("25.12.2024", {"format": "%d.%m.%Y"}),
    ("20241225", {"format": "%Y%m%d"}),
    ("2024-12-25", {"format": "%Y-%m-%d"}),
    ("2024-12-25", {"format": "any"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("25/12/2024", {}),
    ("2024-02-30", {}),
    ("2023-02-29", {}),
    ("2024-13-01", {}),
    ("2024-12-25T10:00:00", {}),
    ("2024/12/25", {}),
    ("24-12-25", {}),
    ("2024-12-25", {"format": "%d/%m/%Y"}),
    ("32/12/2024", {"format": "%d/%m/%Y"}),
    ("hier", {"format": "any"}),
]
