"""The choropleth of a territory's sub-territories: their light contours joined with one
indicator's values for one period and dimension combination, with the classes to colour.

The contours come light, at the map's scale (:mod:`~territoria.services.light_contours`).
"""

from __future__ import annotations

import functools
import statistics
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from territoria.geo.contours import descendants, has_contour
from territoria.geo.geography import geography
from territoria.geo.territory import Territory
from territoria.security.actor import Actor
from territoria.services.indicator_combinations import largest_combination
from territoria.services.indicator_results import ResultsReader, find_indicator, require_index
from territoria.services.indicator_values import check_filters
from territoria.services.instance import Instance
from territoria.services.light_contours import light_contours

MAP_LEVELS = ("region", "departement", "epci", "commune")
MAX_FEATURES = 1500  # beyond, a map of the level is unreadable and heavy: not offered
CLASSES = 5


@functools.lru_cache(maxsize=512)
def members(territory_id: str, level: str) -> tuple[Territory, ...]:
    """The sub-territories of ``level`` (cached: a walk down France visits every commune)."""
    geo = geography()
    return tuple(descendants(geo, geo.get(territory_id), level))


@functools.lru_cache(maxsize=512)
def map_levels(territory_id: str) -> tuple[str, ...]:
    """The levels under the territory a map can show: some contours, at most MAX_FEATURES."""
    geo = geography()
    root = geo.get(territory_id)
    found = []
    for level in MAP_LEVELS[MAP_LEVELS.index(root.level) + 1 if root.level in MAP_LEVELS else 0 :]:
        below = members(root.id, level)
        if 0 < len(below) <= MAX_FEATURES and any(has_contour(t.id) for t in below):
            found.append(level)
    return tuple(found)


def _breaks(values: list[float]) -> list[float]:
    """The upper bounds of CLASSES quantile classes (fewer when values repeat)."""
    if len(values) < 2:
        return sorted(set(values))
    cuts = statistics.quantiles(values, n=CLASSES, method="inclusive")
    return sorted({*cuts, max(values)})


def children_values(
    instance: Instance,
    actor: Actor,
    territory_id: str,
    level: str,
    indicator_id: str,
    *,
    period: str | None = None,
    dimensions: Mapping[str, str] | None = None,
    reader: ResultsReader | None = None,
) -> dict[str, Any]:
    """The indicator's value for each sub-territory of ``level`` (None where it has none),
    at ``period`` (by default the latest any of them has), for the combination asked (by
    default the largest among them), and the class breaks; ``reader`` the results already
    looked up."""
    geo = geography()
    root = geo.get(territory_id)
    spec = find_indicator(indicator_id)
    chosen = {k: v for k, v in (dimensions or {}).items() if v != ""}
    check_filters(spec, level, chosen, period)
    below = members(root.id, level)
    table = require_index(instance, spec, actor, reader).indicator_rows(spec.id, level)
    mask = pc.is_in(table["territoire"], pa.array([t.id for t in below], pa.string()))
    rows = table.filter(pc.and_(mask, pc.is_valid(table["valeur"])))
    if rows.num_rows and not chosen and spec.dimensions:
        latest = rows.filter(pc.equal(rows["periode"], pc.max(rows["periode"])))
        combination = largest_combination(latest.to_pylist(), spec)
        chosen = {d: v for d, v in zip(spec.dimensions, combination, strict=True) if v is not None}
    for column, value in chosen.items():
        rows = (
            rows.filter(pc.equal(rows[column], value))
            if column in rows.column_names
            else rows.slice(0, 0)
        )
    if period is None and rows.num_rows:
        period = str(pc.max(rows["periode"]).as_py())
    current = rows.filter(pc.equal(rows["periode"], period or "")).select(["territoire", "valeur"])
    by_id = dict(zip(current["territoire"].to_pylist(), current["valeur"].to_pylist(), strict=True))
    known = [float(v) for v in by_id.values()]
    return {
        "territory": root.id,
        "level": level,
        "indicator": spec.id,
        "title": spec.title.model_dump(),
        "unit": spec.unit.model_dump(),
        "decimals": spec.decimals,
        "period": period,
        "dimensions": chosen,
        "breaks": _breaks(known),
        "values": [
            {"id": t.id, "name": t.name, "code": t.code, "value": by_id.get(t.id)} for t in below
        ],
    }


def choropleth(
    instance: Instance,
    actor: Actor,
    territory_id: str,
    level: str,
    indicator_id: str,
    *,
    period: str | None = None,
    dimensions: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the sub-territories with their ``value``; the values'
    description (indicator, unit, period, dimensions, breaks) as foreign members."""
    values = children_values(
        instance, actor, territory_id, level, indicator_id, period=period, dimensions=dimensions
    )
    shapes = light_contours(geography().get(territory_id).id, level)
    by_id = {v["id"]: v["value"] for v in values["values"]}
    features = [
        {**f, "properties": {**f["properties"], "value": by_id.get(f["id"])}}
        for f in shapes["features"]
    ]
    description = {k: v for k, v in values.items() if k != "values"}
    return {
        "type": "FeatureCollection",
        "features": features,
        "missing": shapes["missing"],
        **description,
    }
