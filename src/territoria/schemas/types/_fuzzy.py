"""Format ``any`` for dates and times: ISO 8601 or a common written form (month first if
ambiguous, as the frictionless reference does), without a third-party parser."""

from __future__ import annotations

import contextlib
from datetime import datetime

from territoria.schemas.types._iso import parse_iso_datetime

_DATES = (
    "%m/%d/%Y", "%d/%m/%Y", "%m-%d-%Y", "%d-%m-%Y", "%m.%d.%Y", "%d.%m.%Y", "%Y/%m/%d",
    "%Y.%m.%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%b %d %Y", "%b %d, %Y",
)  # fmt: skip
_TIMES = ("", " %H:%M:%S", " %H:%M", "T%H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
_CLOCKS = ("%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%I:%M %p", "%I:%M:%S %p", "%Hh%M")


def parse_any_datetime(text: str) -> datetime:
    """A date-time written in ISO 8601 or a usual written form; ValueError otherwise."""
    cleaned = text.strip()
    with contextlib.suppress(ValueError):
        return parse_iso_datetime(cleaned)
    for day_pattern in _DATES:
        for time_pattern in _TIMES:
            try:
                return datetime.strptime(cleaned, day_pattern + time_pattern)
            except ValueError:
                continue
    raise ValueError(f"not a recognisable date: {text!r}")


def parse_any_clock(text: str) -> datetime:
    """A clock time written ``14:30``, ``14:30:05``, ``2:30 PM``… (ISO offsets allowed)."""
    cleaned = text.strip()
    for pattern in _CLOCKS:
        try:
            return datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
    return parse_iso_datetime(f"2000-01-01T{cleaned}")
