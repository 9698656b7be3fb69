"""The ``duration`` type: ISO 8601 durations ``PnYnMnWnDTnHnMnS`` (or ``PYYYY-MM-DDThh:mm:ss``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = None

_NUMBER = r"[0-9]+(?:[,.][0-9]+)?"
_DESIGNATED = re.compile(
    rf"^(?P<sign>[+-])?P(?!\b)(?:(?P<years>{_NUMBER})Y)?(?:(?P<months>{_NUMBER})M)?"
    rf"(?:(?P<weeks>{_NUMBER})W)?(?:(?P<days>{_NUMBER})D)?"
    rf"(?:T(?:(?P<hours>{_NUMBER})H)?(?:(?P<minutes>{_NUMBER})M)?(?:(?P<seconds>{_NUMBER})S)?)?$"
)
_ALTERNATIVE = ("%Y-%m-%dT%H:%M:%S", "%Y%m%dT%H%M%S", "%Y-%jT%H:%M:%S", "%Y%jT%H%M%S")


class Duration(NamedTuple):
    """Calendar part (years, months) and exact part (a ``timedelta``) of a duration."""

    years: Decimal
    months: Decimal
    delta: timedelta


def _amount(text: str | None) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def parse(cell: str, field: Field) -> Duration | Invalid:
    """A :class:`Duration`; fractions are allowed on any component, as the reference allows."""
    match = _DESIGNATED.match(cell)
    try:
        if match is None:
            if not cell.startswith("P"):
                return INVALID
            return _alternative(cell[1:])
        parts = match.groupdict()
        delta = timedelta(
            weeks=_amount(parts["weeks"]),
            days=_amount(parts["days"]),
            hours=_amount(parts["hours"]),
            minutes=_amount(parts["minutes"]),
            seconds=_amount(parts["seconds"]),
        )
    except (ValueError, OverflowError):
        return INVALID
    years = Decimal((parts["years"] or "0").replace(",", "."))
    months = Decimal((parts["months"] or "0").replace(",", "."))
    return Duration(years, months, -delta if parts["sign"] == "-" else delta)


def _alternative(text: str) -> Duration:
    """``YYYY-MM-DDThh:mm:ss`` after the ``P`` (a valid calendar date-time is required)."""
    for pattern in _ALTERNATIVE:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        delta = timedelta(days=moment.day, hours=moment.hour, minutes=moment.minute)
        delta += timedelta(seconds=moment.second)
        return Duration(Decimal(moment.year), Decimal(moment.month), delta)
    raise ValueError("not an ISO 8601 duration")


VALID_SAMPLES: list[Sample] = [
    ("P1Y", {}),
    ("P1Y2M3DT4H5M6S", {}),
    ("PT30M", {}),
    ("PT1.5H", {}),
    ("P2W", {}),
    ("-P1D", {}),
    ("P0,5D", {}),
    ("PT", {}),
]
INVALID_SAMPLES: list[Sample] = [
    ("P", {}),
    ("1Y", {}),
    ("P1H", {}),
    ("PT1D", {}),
    ("P1Y ", {}),
    ("p1y", {}),
    ("3 jours", {}),
    ("P-1D", {}),
]
