"""The bounding box of a version's geo points, for the DCAT catalogue's spatial coverage.

A version is immutable, so its box is computed once (one DuckDB scan of the point column)
and kept in memory. Only ``geo_point_2d`` fields count: boxing GeoJSON shapes needs DuckDB's
spatial extension (1.3 s to load), left to the geography issue.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from sqlglot import exp

from territoria.engine.connection import connect
from territoria.query.fields import QueryField

Extent = tuple[float, float, float, float]  # west, south, east, north (WGS 84)
CACHED = 4096
_CACHE: OrderedDict[str, Extent | None] = OrderedDict()
_LOCK = threading.Lock()


def _scan(data_file: Path, field: QueryField) -> Extent | None:
    column = exp.to_identifier(field.column, quoted=True).sql("duckdb")
    first, second = ("lat", "lon") if field.latlon else ("lon", "lat")
    query = f"""
        WITH p AS (
            SELECT TRY_CAST(split_part({column}, ',', 1) AS DOUBLE) AS {first},
                   TRY_CAST(split_part({column}, ',', 2) AS DOUBLE) AS {second}
            FROM read_parquet(?) WHERE {column} IS NOT NULL)
        SELECT min(lon), min(lat), max(lon), max(lat) FROM p
        WHERE lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180"""
    # the column name is a quoted identifier and the path a parameter: nothing of a user
    con = connect(memory_limit="256MB", threads=1)
    try:
        row = con.execute(query, [str(data_file)]).fetchone()
    finally:
        con.close()
    if row is None or None in row:
        return None
    west, south, east, north = (float(v) for v in row)
    return (west, south, east, north) if west < east and south < north else None


def point_extent(key: str, data_file: Path, fields: Sequence[QueryField]) -> Extent | None:
    """The box of the first ``geo_point_2d`` field of the version stored at ``key`` (its lake
    path), or None without points or with every point at one place (no area to draw)."""
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    field = next((f for f in fields if f.type == "geo_point_2d"), None)
    extent = None if field is None else _scan(data_file, field)
    with _LOCK:
        _CACHE[key] = extent
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return extent
