"""Structural checks of GeoJSON and TopoJSON objects (shape only, no geometry validity)."""

from __future__ import annotations

from typing import Any

GEOMETRY_DEPTHS = {  # geometry type -> nesting depth of its positions (0: one position)
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_position(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 2 and all(_is_number(v) for v in value)


def _nested(value: Any, depth: int, minimum: int) -> bool:
    """Arrays nested ``depth`` times down to positions (lines need ``minimum`` positions)."""
    if depth == 0:
        return _is_position(value)
    if not isinstance(value, list):
        return False
    if depth == 1 and len(value) < minimum:
        return False
    return all(_nested(item, depth - 1, minimum) for item in value)


def is_geometry(value: Any) -> bool:
    """A GeoJSON geometry (or geometry collection)."""
    if not isinstance(value, dict):
        return False
    kind = value.get("type")
    if kind == "GeometryCollection":
        items = value.get("geometries")
        return isinstance(items, list) and all(is_geometry(g) for g in items)
    if kind not in GEOMETRY_DEPTHS or "coordinates" not in value:
        return False
    minimum = 4 if kind in ("Polygon", "MultiPolygon") else 2
    if kind == "MultiPoint":
        minimum = 0
    return _nested(value["coordinates"], GEOMETRY_DEPTHS[kind], minimum)


def is_feature(value: Any) -> bool:
    """A GeoJSON feature: a geometry (or null) and properties (object or null)."""
    if not isinstance(value, dict) or value.get("type") != "Feature":
        return False
    if "geometry" not in value or "properties" not in value:
        return False
    geometry, properties = value["geometry"], value["properties"]
    return (geometry is None or is_geometry(geometry)) and (
        properties is None or isinstance(properties, dict)
    )


def is_geojson(value: Any) -> bool:
    """A GeoJSON object: geometry, feature or feature collection."""
    if not isinstance(value, dict):
        return False
    if value.get("type") == "FeatureCollection":
        features = value.get("features")
        return isinstance(features, list) and all(is_feature(f) for f in features)
    return is_feature(value) or is_geometry(value)


def is_topojson(value: Any) -> bool:
    """A TopoJSON topology (``objects`` and ``arcs``) or TopoJSON geometry."""
    if not isinstance(value, dict):
        return False
    if value.get("type") == "Topology":
        return isinstance(value.get("objects"), dict) and isinstance(value.get("arcs"), list)
    kind = value.get("type")
    if kind == "GeometryCollection":
        return isinstance(value.get("geometries"), list)
    if kind in ("Point", "MultiPoint"):
        return "coordinates" in value
    return kind in ("LineString", "MultiLineString", "Polygon", "MultiPolygon") and "arcs" in value
