"""The ``geojson`` type: a JSON object that is GeoJSON (default) or TopoJSON (``topojson``)."""

from __future__ import annotations

import json
from typing import Any

from territoria.schemas.model import Field
from territoria.schemas.types._base import INVALID, Invalid, Sample
from territoria.schemas.types._geometry import is_geojson, is_topojson

FORMATS: tuple[str, ...] | None = ("default", "topojson")


def parse(cell: str, field: Field) -> dict[str, Any] | Invalid:
    """The decoded object when it has the GeoJSON (or TopoJSON) structure."""
    try:
        value = json.loads(cell)
    except ValueError:
        return INVALID
    if not isinstance(value, dict):
        return INVALID
    check = is_topojson if field.format == "topojson" else is_geojson
    return value if check(value) else INVALID


VALID_SAMPLES: list[Sample] = [
    ('{"type": "Point", "coordinates": [2.35, 48.85]}', {}),
    ('{"type": "LineString", "coordinates": [[2.35, 48.85], [2.36, 48.86]]}', {}),
    ('{"type": "Feature", "geometry": null, "properties": {"nom": "Paris"}}', {}),
    ('{"type": "FeatureCollection", "features": []}', {}),
    ('{"type": "Topology", "objects": {}, "arcs": []}', {"format": "topojson"}),
]
INVALID_SAMPLES: list[Sample] = [
    ("2.35,48.85", {}),
    ("[2.35, 48.85]", {}),
    ('{"type": "Point"}', {}),
    ('{"type": "Cercle", "coordinates": [2.35, 48.85]}', {}),
    ('{"type": "Point", "coordinates": "2.35,48.85"}', {}),
    ('{"type": "Feature", "geometry": null}', {}),
    ('{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}', {"format": "topojson"}),
]
