"""Faithful text of a spreadsheet cell: no float noise, ISO 8601 dates, true/false booleans."""

from __future__ import annotations

import datetime as dt

CellValue = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta
"""What python-calamine returns for a cell ('' for an empty one)."""

_EXACT_INTEGER = 2**53


def number_text(value: float) -> str:
    """``75056.0`` → ``"75056"``; other floats by their shortest round-tripping repr."""
    if value.is_integer() and abs(value) < _EXACT_INTEGER:
        return str(int(value))
    return repr(value)


def datetime_text(value: dt.datetime) -> str:
    """ISO 8601 without a needless fraction; a time landing a hair off a second is rounded."""
    micro = value.microsecond
    if micro and (micro < 1000 or micro > 999_000):
        value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    if value.microsecond == 0:
        return value.isoformat(timespec="seconds")
    return value.isoformat(timespec="milliseconds")


def duration_text(value: dt.timedelta) -> str:
    """ISO 8601 duration of a spreadsheet time span, e.g. ``PT30H0M0S``."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}PT{hours}H{minutes}M{secs}S"


def cell_text(value: CellValue) -> str:
    """The text a person reading the spreadsheet would type for this cell."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return datetime_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds" if value.microsecond == 0 else "milliseconds")
    return duration_text(value)


def is_filled(value: CellValue) -> bool:
    """A cell holding something other than blank text."""
    return not (isinstance(value, str) and not value.strip())
