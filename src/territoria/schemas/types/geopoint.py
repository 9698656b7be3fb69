"""The ``geopoint`` type: ``lon, lat`` (default), ``[lon, lat]`` (array) or ``{"lon", "lat"}``."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample

FORMATS: tuple[str, ...] | None = ("default", "array", "object")


class Geopoint(NamedTuple):
    """Longitude then latitude, in decimal degrees."""

    lon: Decimal
    lat: Decimal


def _members(cell: str, form: str) -> tuple[Any, Any]:
    """The two raw coordinates in the order the format writes them (lon first)."""
    if form == "array":
        lon, lat = json.loads(cell)
        return lon, lat
    if form == "object":
        value = json.loads(cell)
        if len(value) != 2:
            raise ValueError("two members expected")
        return value["lon"], value["lat"]
    lon, lat = cell.split(",")
    return lon.strip(), lat.strip()


def parse(cell: str, field: Field) -> Geopoint | Invalid:
    """A :class:`Geopoint` within ±180 / ±90 degrees, or INVALID (NaN is INVALID)."""
    try:
        lon, lat = _members(cell, field.format)
        point = Geopoint(Decimal(lon), Decimal(lat))
        if not (-180 <= point.lon <= 180 and -90 <= point.lat <= 90):
            return INVALID
    except (ValueError, TypeError, KeyError, IndexError, InvalidOperation):
        return INVALID
    return point


VALID_SAMPLES: list[Sample] = [
    ("2.3522,48.8566", {}),
    ("2.3522, 48.8566", {}),
    ("-180,-90", {}),
    ("[2.3522, 48.8566]", {"format": "array"}),
    ('["2.35", "48.85"]', {"format": "array"}),
    ('{"lon": 2.3522, "lat": 48.8566}', {"format": "object"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("48.8566", {}),
    ("2.35;48.85", {}),
    ("200,48", {}),
    ("2,95", {}),
    ("1,2,3", {}),
    ("NaN,1", {}),
    ("2.3522,48.8566", {"format": "array"}),
    ("[2.35]", {"format": "array"}),
    ('{"lon": 2.35, "lat": 48.85, "z": 1}', {"format": "object"}),
    ('{"x": 2.35, "y": 48.85}', {"format": "object"}),
]
