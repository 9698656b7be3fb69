"""The ``datetime`` type: ISO 8601 with ``Z`` or offsets by default, ``any``, or a pattern."""

from __future__ import annotations

from datetime import datetime

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample
from territoria.schemas.types._fuzzy import parse_any_datetime
from territoria.schemas.types._iso import parse_iso_datetime

FORMATS: tuple[str, ...] | None = None  # default, any, or any strftime pattern


def parse(cell: str, field: Field) -> datetime | Invalid:
    """A ``datetime``; the default needs at least ``YYYY-MM-DDThh:mm:ss`` (any one character
    between date and time), then optional fraction and ``Z`` / ``±hh[:mm]`` offset."""
    try:
        if field.format == "default":
            if len(cell) < 19 or cell[16] != ":":
                return INVALID
            return parse_iso_datetime(cell)
        if field.format == "any":
            return parse_any_datetime(cell)
        return datetime.strptime(cell, field.format)
    except (ValueError, OverflowError):
        return INVALID


VALID_SAMPLES: list[Sample] = [
    ("2024-12-25T14:30:00", {}),
    ("2024-12-25T14:30:00Z", {}),
    ("2024-12-25T14:30:00+01:00", {}),
    ("2024-12-25T14:30:00.123456-05:00", {}),
    ("2024-12-25 14:30:00", {}),
    ("2024-12-25T24:00:00", {}),
    ("2024-12-25T14:30:00,5", {}),
    ("25/12/2024 14:30", {"format": "%d/%m/%Y %H:%M"}),
    ("2024-12-25T14:30:00Z", {"format": "%Y-%m-%dT%H:%M:%S%z"}),
    ("2024-12-25 14:30:00", {"format": "any"}),
    ("2024-12-25X14:30:00", {}),
    ("2024-W01-1T10:00:00", {}),
]
INVALID_SAMPLES: list[Sample] = [
    ("2024-12-25", {}),
    ("2024-12-25T14:30", {}),
    ("2024-12-25T25:30:00", {}),
    ("2024-13-25T14:30:00", {}),
    ("25/12/2024 14:30:00", {}),
    ("2024-12-25T14:30:00+25:00", {}),
    ("2024-12-25T14:30:00 UTC", {}),
    ("20241225T14:30:00", {}),
    ("2024-12-25T14:30", {"format": "%d/%m/%Y %H:%M"}),
    ("demain", {"format": "any"}),
    ("2024-12-25T10:00:60", {}),
    ("2024-12-25T14:30:00.", {}),
]
