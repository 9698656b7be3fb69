"""Whether a dataset can be mapped, and the export request that draws it.

A geo field (``geo_shape`` first, else ``geo_point_2d``) is drawn from the Explore API's
GeoJSON export of that field alone; a pair of numeric latitude and longitude columns (the
fountains of the eau pack) from the JSON export of those two columns. Either way the map
asks at most :data:`MAP_LIMIT` features, under the table's filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from territoria.query.fields import QueryField

MAP_LIMIT = 5000
"""Features a map fetches at most (a browser clusters this many points smoothly)."""
LATITUDE_NAMES = ("latitude", "lat", "y_latitude")
LONGITUDE_NAMES = ("longitude", "lon", "lng", "long", "x_longitude")
NUMERIC = ("double", "int")


@dataclass(frozen=True)
class MapSource:
    """What a map draws: ``geojson`` of a geo field, or ``latlon`` points of two columns."""

    kind: str
    fields: tuple[str, ...]

    @property
    def export_format(self) -> str:
        """The export the map's script fetches."""
        return "geojson" if self.kind == "geojson" else "json"

    @property
    def select(self) -> str:
        """The ODSQL ``select`` of that export: the geometry alone, or ``lat`` and ``lon``."""
        if self.kind == "geojson":
            return f"`{self.fields[0]}`"
        return f"`{self.fields[0]}` as lat, `{self.fields[1]}` as lon"


def _named(fields: Sequence[QueryField], names: Sequence[str]) -> QueryField | None:
    return next((f for f in fields if f.name in names and f.type in NUMERIC), None)


def map_source(fields: Sequence[QueryField]) -> MapSource | None:
    """How to map a dataset with ``fields``, or None when it holds no geography."""
    for kind in ("geo_shape", "geo_point_2d"):
        geo = next((f for f in fields if f.type == kind), None)
        if geo is not None:
            return MapSource("geojson", (geo.name,))
    latitude, longitude = _named(fields, LATITUDE_NAMES), _named(fields, LONGITUDE_NAMES)
    if latitude is not None and longitude is not None:
        return MapSource("latlon", (latitude.name, longitude.name))
    return None
