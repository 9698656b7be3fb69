"""Sub-territories' contours at a map's scale: simplified to 1/1000 of the extent of the
mainland shapes (overseas ones would stretch it across the globe), coordinates written with
the digits of the snapped grid, once per territory and level then kept: France's
départements weigh ~150 KB instead of 3 MB.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import Any

from territoria.geo.contours import children_contours
from territoria.geo.geography import geography

OVERSEAS_REGIONS = frozenset({"01", "02", "03", "04", "06"})


def _points(coordinates: Any) -> Iterator[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates[0], coordinates[1]
        return
    for part in coordinates or ():
        yield from _points(part)


def _overseas(territory_id: str) -> bool:
    territory = geography().by_id[territory_id]
    region = territory.code if territory.level == "region" else territory.region
    return region in OVERSEAS_REGIONS or (territory.departement or "").startswith("97")


@functools.lru_cache(maxsize=64)
def light_contours(territory_id: str, level: str) -> dict[str, Any]:
    """The sub-territories' contours at the map's scale (cached: the bundle never changes)."""
    raw = children_contours(territory_id, level)
    shaped = [f for f in raw["features"] if f["geometry"] is not None]
    main = [f for f in shaped if not _overseas(f["id"])] or shaped
    points = [p for f in main for p in _points(f["geometry"]["coordinates"])]
    if not points:
        return raw
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    tolerance = extent / 1000
    light = children_contours(territory_id, level, tolerance=tolerance)
    decimals = max(0, math.ceil(-math.log10(tolerance / 4)))
    for feature in light["features"]:
        feature["properties"]["overseas"] = _overseas(feature["id"])
        if feature["geometry"] is not None:
            geometry = feature["geometry"]
            geometry["coordinates"] = _rounded(geometry["coordinates"], decimals)
    return light


def _rounded(coordinates: Any, decimals: int) -> Any:
    """Coordinates written with ``decimals`` digits (the snapped grid's, not 17)."""
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(c, decimals) for c in coordinates]
    return [_rounded(part, decimals) for part in coordinates]
