"""The ``time`` type: ISO ``hh:mm:ss[.ffffff][offset]`` by default, ``any``, or a pattern."""

from __future__ import annotations

from datetime import datetime, time

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample
from territoria.schemas.types._fuzzy import parse_any_clock
from territoria.schemas.types._iso import parse_iso_time

FORMATS: tuple[str, ...] | None = None  # default, any, or any strftime pattern


def parse(cell: str, field: Field) -> time | Invalid:
    """A ``time`` (with its offset if any); the default needs ``hh:mm:ss`` at least."""
    try:
        if field.format == "default":
            if len(cell) < 8 or cell[5] != ":":
                return INVALID
            return parse_iso_time(cell)
        if field.format == "any":
            return parse_any_clock(cell).timetz()
        return datetime.strptime(cell, field.format).timetz()
    except ValueError:
        return INVALID


VALID_SAMPLES: list[Sample] = [
    ("14:30:00", {}),
    ("00:00:00", {}),
    ("23:59:59", {}),
    ("24:00:00", {}),
    ("14:30:00.250", {}),
    ("14:30:00Z", {}),
    ("14:30:00+02:00", {}),
    ("14:30:00-0130", {}),
    ("14h30", {"format": "%Hh%M"}),
    ("14:30", {"format": "%H:%M"}),
    ("14:30:00", {"format": "any"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("14:30", {}),
    ("1430", {}),
    ("25:00:00", {}),
    ("14:60:00", {}),
    ("24:00:01", {}),
    ("14:30:00 ", {}),
    ("14:30:00+2", {}),
    ("14h30", {}),
    ("14:30:00", {"format": "%Hh%M"}),
    ("midi", {"format": "any"}),
]
