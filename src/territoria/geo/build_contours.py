"""Rebuild the bundled contours (``geo/data/contours.parquet``) of départements and régions.

A maintainer's command (``python -m territoria.geo.build_contours DIR``, DIR holding the
france-geojson ``*-avec-outre-mer.geojson`` files): shapes simplified to ~100 m, stored as WKB so
the bundle stays under a megabyte; nothing reads the GeoJSON at run time. Département and
région borders have not moved since 2016, so the 2018 shapes fit the 2026 COG.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from territoria.engine.extensions import extension_path, load_extension

CONTOURS = Path(__file__).with_name("data") / "contours.parquet"
SOURCES = {"departement": "departements-avec-outre-mer", "region": "regions-avec-outre-mer"}
TOLERANCE_DEGREES = 0.001  # ≈ 100 m: a map of France or of a région, not a cadastre


def build(folder: Path, target: Path = CONTOURS) -> int:
    """Write the contours; the number of territories that have one."""
    selects = [
        f"SELECT '{level}:' || code AS id, "
        f"ST_AsWKB(ST_SimplifyPreserveTopology(geom, {TOLERANCE_DEGREES})) AS contour "
        f"FROM ST_Read('{folder / name}.geojson')"
        for level, name in SOURCES.items()
    ]
    with duckdb.connect() as con:
        load_extension(con, extension_path("spatial", "les contours", "contours"))
        con.execute("SET enable_progress_bar = false")
        con.execute(
            f"COPY ({' UNION ALL '.join(selects)} ORDER BY id) TO '{target}' "
            "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)"
        )
        count = con.sql(f"SELECT count(*) FROM '{target}'").fetchone()
    return int(count[0]) if count else 0


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    print(build(Path(sys.argv[1])), "contours →", CONTOURS)
