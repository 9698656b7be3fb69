"""Check a GeoJSON geometry against RFC 7946: its type, the shape of its coordinates, WGS 84.

A geometry is the structure of a GeoJSON file, not a cell of it: one a map cannot draw (a
position of one number, a ring that does not close, Lambert-93 metres where degrees belong)
makes the file unusable as GeoJSON, as a JSON syntax error would. The reader refuses the
file at the first such feature, naming it and its line, as ``ogr2ogr`` or geojsonlint do;
a ``null`` geometry is allowed (RFC 7946, 3.2) and read as an empty cell.
"""

from __future__ import annotations

import math
from typing import Any

from territoria.ingest.readers.jsonstream import JsonNumber
from territoria.schemas.types._geometry import GEOMETRY_DEPTHS

DEPTHS = GEOMETRY_DEPTHS  # the one table of GeoJSON nesting, shared with the geojson type
MAX_COLLECTION_DEPTH = 8
Problem = tuple[str, str]  # why, in French and in English


def _position(value: Any) -> Problem | None:
    if not isinstance(value, list) or not 2 <= len(value) <= 3:
        return "une position n’a pas 2 ou 3 nombres", "a position does not hold 2 or 3 numbers"
    numeric = (JsonNumber, int, float)
    if not all(isinstance(n, numeric) and not isinstance(n, bool) for n in value):
        return "une coordonnée n’est pas un nombre", "a coordinate is not a number"
    lon, lat = float(value[0]), float(value[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "une coordonnée n’est pas un nombre fini", "a coordinate is not a finite number"
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return (
            f"la position [{value[0]}, {value[1]}] sort des longitudes et latitudes WGS 84 "
            "(des coordonnées projetées, Lambert-93 par exemple ?)",
            f"position [{value[0]}, {value[1]}] is outside WGS 84 longitudes and latitudes "
            "(projected coordinates, Lambert-93 for instance?)",
        )
    return None


def _positions(value: Any, depth: int, kind: str) -> Problem | None:
    """Check positions nested ``depth`` deep, and the sizes lines and rings need."""
    if depth == 0:
        return _position(value)
    if not isinstance(value, list):
        return "les coordonnées ne sont pas une liste", "the coordinates are not a list"
    if depth == 1 and kind in ("LineString", "MultiLineString") and len(value) < 2:
        return "une ligne a moins de 2 positions", "a line has fewer than 2 positions"
    if depth == 1 and kind in ("Polygon", "MultiPolygon"):
        if len(value) < 4:
            return "un anneau a moins de 4 positions", "a ring has fewer than 4 positions"
        if value[0] != value[-1]:
            return "un anneau n’est pas fermé", "a ring is not closed"
    for item in value:
        problem = _positions(item, depth - 1, kind)
        if problem is not None:
            return problem
    return None


def geometry_problem(geometry: Any, level: int = 0) -> Problem | None:
    """Why ``geometry`` (a decoded JSON object with a string ``type``) is not RFC 7946, or None."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list) or level >= MAX_COLLECTION_DEPTH:
            return (
                "une GeometryCollection sans liste « geometries » (ou trop imbriquée)",
                "a GeometryCollection without a 'geometries' list (or nested too deep)",
            )
        for member in members:
            if not isinstance(member, dict) or not isinstance(member.get("type"), str):
                return "une géométrie de la collection n’a pas de type", "a member has no type"
            problem = geometry_problem(member, level + 1)
            if problem is not None:
                return problem
        return None
    if kind not in DEPTHS:
        known = ", ".join([*DEPTHS, "GeometryCollection"])
        return f"type « {kind} » inconnu (types : {known})", f"unknown type '{kind}' ({known})"
    if "coordinates" not in geometry:
        return "pas de membre « coordinates »", "no 'coordinates' member"
    return _positions(geometry["coordinates"], DEPTHS[kind], kind)


VALID_SAMPLES: list[dict[str, Any]] = [
    {"type": "Point", "coordinates": [2.35, 48.85]},
    {"type": "Point", "coordinates": [-180, -90, 35.5]},
    {"type": "LineString", "coordinates": [[2.35, 48.85], [2.36, 48.86]]},
    {"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [3, 49], [2, 48]]]},
    {"type": "MultiPolygon", "coordinates": [[[[2, 48], [3, 48], [3, 49], [2, 48]]], []]},
    {"type": "MultiPoint", "coordinates": []},
    {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}]},
]
INVALID_SAMPLES: list[dict[str, Any]] = [
    {"type": "Point", "coordinates": [652469.0, 6862035.0]},  # Lambert-93 metres
    {"type": "Point", "coordinates": [2.3, 95.0]},
    {"type": "Point", "coordinates": [2.35]},
    {"type": "Point", "coordinates": "2.35,48.85"},
    {"type": "Point", "coordinates": [True, 48.85]},
    {"type": "Point", "coordinates": [[2.35, 48.85]]},
    {"type": "Point"},
    {"type": "Cercle", "coordinates": [2.35, 48.85]},
    {"type": "LineString", "coordinates": [[2.35, 48.85]]},
    {"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [3, 49], [2, 49]]]},
    {"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [2, 48]]]},
    {"type": "GeometryCollection"},
    {"type": "GeometryCollection", "geometries": [{"coordinates": [1, 2]}]},
]
