"""ISO 8601 date-time reading with the acceptance of the parser frictionless relies on."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

_FRACTION = re.compile(r"[.,]([0-9]+)")


def _digits(text: str, pos: int, count: int) -> int:
    """Exactly ``count`` ASCII digits at ``pos``."""
    chunk = text[pos : pos + count]
    if len(chunk) != count or not (chunk.isascii() and chunk.isdigit()):
        raise ValueError(f"expected {count} digits at {pos}")
    return int(chunk)


def _common_date(text: str) -> tuple[list[int], int]:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYYMMDD``; parts and end position."""
    parts = [_digits(text, 0, 4), 1, 1]
    pos = 4
    if pos >= len(text):
        return parts, pos
    dashed = text[pos] == "-"
    pos += dashed
    parts[1], pos = _digits(text, pos, 2), pos + 2
    if pos >= len(text):
        if not dashed:
            raise ValueError("YYYYMM is not ISO")
        return parts, pos
    if dashed:
        if text[pos] != "-":
            raise ValueError("separator")
        pos += 1
    parts[2] = _digits(text, pos, 2)
    return parts, pos + 2


def _uncommon_date(text: str) -> tuple[list[int], int]:
    """Week dates ``YYYY-Www[-D]`` / ``YYYYWww[D]`` and ordinal dates ``YYYY-DDD`` / ``YYYYDDD``."""
    year = _digits(text, 0, 4)
    dashed = text[4:5] == "-"
    pos = 4 + dashed
    if text[pos : pos + 1] == "W":
        week, pos, day = _digits(text, pos + 1, 2), pos + 3, 1
        if len(text) > pos:
            if (text[pos] == "-") != dashed:
                raise ValueError("inconsistent dashes")
            pos += dashed
            day, pos = _digits(text, pos, 1), pos + 1
        if not (0 < week < 54 and 0 < day < 8):
            raise ValueError("week date")
        found = date.fromisocalendar(year, 1, 1) + timedelta(weeks=week - 1, days=day - 1)
    else:
        ordinal, pos = _digits(text, pos, 3), pos + 3
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        if not 1 <= ordinal <= 365 + leap:
            raise ValueError("ordinal date")
        found = date(year, 1, 1) + timedelta(days=ordinal - 1)
    return [found.year, found.month, found.day], pos


def _offset(text: str) -> timezone:
    """``Z``, ``±hh``, ``±hhmm`` or ``±hh:mm``."""
    if text in ("Z", "z"):
        return UTC
    if len(text) not in (3, 5, 6) or text[0] not in "+-":
        raise ValueError("offset")
    hours, minutes = _digits(text, 1, 2), 0
    if len(text) > 3:
        pos = 4 if text[3] == ":" else 3
        if len(text) != pos + 2:
            raise ValueError("offset minutes")
        minutes = _digits(text, pos, 2)
    if hours == 0 and minutes == 0:
        return UTC
    if minutes > 59 or hours > 23:
        raise ValueError("offset")
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _clock(text: str) -> tuple[list[int], timezone | None]:
    """``hh[:mm[:ss[.ffffff]]]`` (colons optional but consistent) then an optional offset."""
    if len(text) < 2:
        raise ValueError("time too short")
    parts, pos, index, colons, zone = [0, 0, 0, 0], 0, -1, False, None
    while pos < len(text) and index < 5:
        index += 1
        if text[pos] in "-+Zz":
            zone, pos = _offset(text[pos:]), len(text)
            break
        if index == 1 and text[pos] == ":":
            colons, pos = True, pos + 1
        elif index == 2 and colons:
            if text[pos : pos + 1] != ":":
                raise ValueError("inconsistent colons")
            pos += 1
        if index < 3:
            parts[index], pos = _digits(text, pos, 2), pos + 2
        elif index == 3 and (fraction := _FRACTION.match(text, pos)) is not None:
            digits = fraction.group(1)[:6]
            parts[3], pos = int(digits) * 10 ** (6 - len(digits)), fraction.end()
    if pos < len(text):
        raise ValueError("unused characters")
    if parts[0] == 24 and any(parts[1:]):
        raise ValueError("hour 24 is only 24:00:00")
    return parts, zone


def parse_iso_datetime(text: str) -> datetime:
    """Date, then any one separator character and a time; ValueError when not ISO 8601."""
    if not text.isascii():
        raise ValueError("not ASCII")
    try:
        (year, month, day), pos = _common_date(text)
    except ValueError:
        (year, month, day), pos = _uncommon_date(text)
    if pos >= len(text):
        return datetime(year, month, day)
    (hour, minute, second, micro), zone = _clock(text[pos + 1 :])
    if hour == 24:
        return datetime(year, month, day, 0, minute, second, micro, zone) + timedelta(days=1)
    return datetime(year, month, day, hour, minute, second, micro, zone)


def parse_iso_time(text: str) -> time:
    """A clock time ``hh:mm:ss[.ffffff][offset]``, read as on 2000-01-01."""
    return parse_iso_datetime(f"2000-01-01T{text}").timetz()
