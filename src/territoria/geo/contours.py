"""Contours as GeoJSON (one territory, or a level's sub-territories) and those that have none.

Which ids have a contour is read once from the bundle's small columns (no spatial extension);
the shapes go into one in-memory DuckDB table with the spatial extension loaded once per
process, and each call reads them through its own cursor (thread-safe under a web server).
"""

from __future__ import annotations

import functools
import json
import threading
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from territoria.errors import UserError
from territoria.geo.geography import Geography, geography
from territoria.geo.ids import LEVELS
from territoria.geo.territory import Territory

CONTOURS = Path(__file__).with_name("data") / "contours.parquet"
LEVELS_WITH_CONTOURS = ("region", "departement", "epci", "ept", "commune")
_RANK = {"pays": 0, "region": 1, "departement": 2, "epci": 3, "ept": 3, "commune": 4}
_GROUPS = ("epci", "ept")
_LOCK = threading.Lock()


@functools.cache
def _parts() -> dict[str, tuple[str, ...]]:
    """Every id with a contour → the member communes its union lacks (empty when whole)."""
    table = pq.read_table(CONTOURS, columns=["id", "missing_parts"])
    missing = table.column("missing_parts").to_pylist()
    return {i: tuple(m or ()) for i, m in zip(table.column("id").to_pylist(), missing, strict=True)}


@functools.cache
def _connection() -> duckdb.DuckDBPyConnection:
    from territoria.engine.extensions import extension_path, load_extension

    con = duckdb.connect()
    load_extension(con, extension_path("spatial", "les contours", "contours"))
    con.execute(
        "CREATE TABLE contours AS SELECT id, ST_GeomFromWKB(contour) AS geom "
        f"FROM read_parquet('{CONTOURS}')"
    )
    return con


def _geojson_by_id(ids: list[str], tolerance: float = 0.0) -> dict[str, Any]:
    """Contours of ``ids``; a ``tolerance`` (degrees) simplifies each shape to it, keeping
    its rings valid, and snaps coordinates to a quarter of it (a map's lighter GeoJSON)."""
    with _LOCK:
        cursor = _connection().cursor()
    shape, parameters = "c.geom", []
    if tolerance > 0:
        shape = "ST_ReducePrecision(ST_SimplifyPreserveTopology(c.geom, ?), ?)"
        parameters = [tolerance, tolerance / 4]
    try:  # a registered Arrow table: binding a long Python list costs ~20x more
        cursor.register("wanted", pa.table({"id": pa.array(ids, pa.string())}))
        rows = cursor.execute(
            f"SELECT c.id, ST_AsGeoJSON({shape}) FROM contours c SEMI JOIN wanted w ON w.id = c.id",
            parameters,
        ).fetchall()
    finally:
        cursor.close()
    return {territory_id: json.loads(text) for territory_id, text in rows}


def has_contour(territory_id: str) -> bool:
    """Whether a contour is bundled for this canonical id."""
    return territory_id in _parts()


def missing_parts(territory_id: str) -> tuple[str, ...]:
    """The member communes an EPCI/EPT contour lacks (they have no shape themselves)."""
    return _parts().get(territory_id, ())


def contour_geojson(territory_id: str) -> dict[str, Any] | None:
    """The territory's contour as a GeoJSON geometry (WGS84), or None when none is bundled
    (communes created or restored since 2018, COM such as Saint-Pierre-et-Miquelon)."""
    canonical = geography().get(territory_id).id
    if not has_contour(canonical):
        return None
    return _geojson_by_id([canonical]).get(canonical)


def descendants(geo: Geography, root: Territory, level: str) -> list[Territory]:
    """The territories of ``level`` under ``root``. EPCI/EPT are not climbed down from a
    département or région: an EPCI may reach over the border, its communes are not all under."""
    found: dict[str, Territory] = {}
    frontier = [root]
    while frontier:
        below = []
        for node in frontier:
            if node is not root and node.level in _GROUPS and root.level not in _GROUPS:
                continue
            for child in geo.children(node.id):
                if child.id in found:
                    continue
                found[child.id] = child
                if _RANK.get(child.level, 9) < _RANK.get(level, 9):
                    below.append(child)
        frontier = below
    return sorted((t for t in found.values() if t.level == level), key=lambda t: t.code)


def children_contours(territory_id: str, level: str, tolerance: float = 0.0) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the sub-territories of ``level`` (properties id, name,
    code), simplified to ``tolerance`` degrees when given. One without a contour keeps its
    feature with a null geometry and is named in the collection's ``missing`` member: listed,
    never silently dropped."""
    geo = geography()
    root = geo.get(territory_id)
    if level not in LEVELS or _RANK.get(level, 5) <= _RANK.get(root.level, 5):
        raise UserError(
            f"niveau « {level} » : pas un niveau sous {root.id} ({root.level})",
            f"level '{level}': not a level below {root.id} ({root.level})",
            hint_fr=f"niveaux : {', '.join(LEVELS)}",
            hint_en=f"levels: {', '.join(LEVELS)}",
            details={"territory": root.id, "level": level},
        )
    members = descendants(geo, root, level)
    shapes = _geojson_by_id([t.id for t in members if has_contour(t.id)], float(tolerance))
    features = [
        {
            "type": "Feature",
            "id": t.id,
            "properties": {"id": t.id, "name": t.name, "code": t.code},
            "geometry": shapes.get(t.id),
        }
        for t in members
    ]
    missing = [t.id for t in members if t.id not in shapes]
    return {"type": "FeatureCollection", "features": features, "missing": missing}


def missing_contours(geo: Geography, level: str) -> list[str]:
    """The ids of ``level`` that have no bundled contour: listed, never silently dropped."""
    known = _parts()
    return sorted(t.id for t in geo if t.level == level and t.id not in known)
