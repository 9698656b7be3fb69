"""Contours of départements and régions as GeoJSON, and the territories that have none."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from territoria.geo.geography import Geography

CONTOURS = Path(__file__).with_name("data") / "contours.parquet"
LEVELS_WITH_CONTOURS = ("departement", "region")


@functools.cache
def _wkb_by_id() -> dict[str, bytes]:
    table = pq.read_table(CONTOURS)
    ids = table.column("id").to_pylist()
    return dict(zip(ids, table.column("contour").to_pylist(), strict=True))


def contour_geojson(territory_id: str) -> dict[str, Any] | None:
    """The territory's contour as a GeoJSON geometry (WGS84), or None when none is bundled
    (communes and EPCI in this slice; COM such as Saint-Pierre-et-Miquelon at every level)."""
    wkb = _wkb_by_id().get(territory_id)
    if wkb is None:
        return None
    import duckdb

    from territoria.engine.extensions import extension_path, load_extension

    with duckdb.connect() as con:
        load_extension(con, extension_path("spatial", "les contours", "contours"))
        row = con.execute("SELECT ST_AsGeoJSON(ST_GeomFromWKB(?))", [wkb]).fetchone()
    return json.loads(row[0]) if row else None


def missing_contours(geo: Geography, level: str) -> list[str]:
    """The ids of ``level`` that have no bundled contour: listed, never silently dropped."""
    known = _wkb_by_id()
    return sorted(t.id for t in geo if t.level == level and t.id not in known)
