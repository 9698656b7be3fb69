"""Recognise the geographic columns of a table: GeoJSON geometries, and Opendatasoft's points.

Opendatasoft exports (the portals of most French local authorities) carry a ``Geo Shape``
column holding a GeoJSON geometry per row and a ``Geo Point 2d`` column holding
``lat, lon``. Typed ``geojson`` and ``geopoint``, such a table validates its geography and
exports back to GeoJSON. A column is GeoJSON by its content, whatever its label; a point by
the label Opendatasoft gives it, since ``48.85, 2.35`` alone could be any pair of numbers.
"""

from __future__ import annotations

from territoria.schemas import french
from territoria.schemas.model import Field
from territoria.schemas.types import INVALID, parse_cell

POINT_LABELS = ("geo_point_2d", "geo_point", "geopoint", "geo_point2d")
POINT_ORDER = "latitude, longitude (convention Opendatasoft « Geo Point 2d »)"


def geo_field(label: str, values: list[str]) -> Field | None:
    """A ``geojson`` field when every value is a GeoJSON object, a ``geopoint`` one for an
    Opendatasoft point column whose every value reads as a point; None otherwise."""
    if all(value.lstrip().startswith("{") for value in values):
        candidate = Field(label, "geojson")
        if all(parse_cell(value, candidate) is not INVALID for value in values):
            return candidate
        return None
    joined, _ = french.label_tokens(label)
    if joined in POINT_LABELS:
        candidate = Field(label, "geopoint", description=POINT_ORDER)
        if all(parse_cell(value, candidate) is not INVALID for value in values):
            return candidate
    return None
