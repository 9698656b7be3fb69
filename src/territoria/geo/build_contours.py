"""Rebuild the bundled contours (``geo/data/contours.parquet``) of every level that has shapes.

A maintainer's command (``python -m territoria.geo.build_contours DIR``, DIR holding the
france-geojson files); nothing reads the GeoJSON at run time. Départements and régions come
from their own files (borders unchanged since 2016), simplified to ~100 m. Communes come from
the COG 2018 commune file, mapped to the 2026 communes of the bundled geography: a commune is
the union of the 2018 shapes of its code and of its ``anciensCodes`` (a merged commune is the
union of its former shapes), and an EPCI or EPT is the union of its member communes. Each
commune row names the 2018 codes it unites (``shapes_2018``), each group row the members that
had no shape (``missing_parts``), so a partial union says so. Coordinates are snapped to a
1/16384° grid (≈ 7 m): binary fractions leave trailing zero bits that zstd squeezes, so the
whole file stays near 2 MB.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pyarrow as pa

from territoria.engine.extensions import extension_path, load_extension
from territoria.geo.geography import Geography, geography

CONTOURS = Path(__file__).with_name("data") / "contours.parquet"
SOURCES = {"departement": "departements-avec-outre-mer", "region": "regions-avec-outre-mer"}
COMMUNES = "communes-simplifiees-avec-outre-mer"
TOLERANCE_DEGREES = 0.001  # ≈ 100 m: a map of France or of a région, not a cadastre
GRID_DEGREES = 1 / 16384  # ≈ 7 m, finer than the 4-decimal source (≈ 11 m)
GROUPS = ("epci", "ept")


def code_mapping(geo: Geography) -> pa.Table:
    """(2018 code, today's commune id) for every current code and every old code."""
    pairs = {t.code: t.id for t in geo if t.level == "commune"}
    for territory in geo:
        if territory.level == "commune":
            for old in territory.old_codes:
                pairs.setdefault(old, territory.id)
    return pa.table({"code": list(pairs), "id": list(pairs.values())})


def memberships(geo: Geography) -> pa.Table:
    """(group id, member commune id) of every EPCI and EPT."""
    rows = [
        (parent, t.id)
        for t in geo
        if t.level == "commune"
        for parent in t.parents
        if parent.partition(":")[0] in GROUPS
    ]
    return pa.table({"gid": [r[0] for r in rows], "member": [r[1] for r in rows]})


def build(folder: Path, target: Path = CONTOURS, geo: Geography | None = None) -> int:
    """Write the contours; the number of territories that have one."""
    geo = geo or geography()
    communes = pa.table({"id": [t.id for t in geo if t.level == "commune"]})
    with duckdb.connect() as con:
        load_extension(con, extension_path("spatial", "les contours", "contours"))
        con.execute("SET enable_progress_bar = false")
        con.register("code_map", code_mapping(geo))
        con.register("members", memberships(geo))
        con.register("communes", communes)
        con.execute(
            f"""CREATE TEMP TABLE shapes AS
            SELECT code, geom FROM ST_Read('{folder / COMMUNES}.geojson')"""
        )
        con.execute(
            """CREATE TEMP TABLE commune_shapes AS
            SELECT c.id, ST_Union_Agg(s.geom) AS geom,
                   list(s.code ORDER BY s.code) AS parts
            FROM communes c JOIN code_map m ON m.id = c.id JOIN shapes s ON s.code = m.code
            GROUP BY c.id"""
        )
        con.execute(
            """CREATE TEMP TABLE group_shapes AS
            SELECT m.gid AS id, ST_Union_Agg(c.geom) AS geom,
                   list(m.member ORDER BY m.member) FILTER (WHERE c.id IS NULL) AS missing
            FROM members m LEFT JOIN commune_shapes c ON c.id = m.member
            GROUP BY m.gid HAVING count(c.id) > 0"""
        )
        wide = " UNION ALL ".join(
            f"SELECT '{level}:' || code AS id, "
            f"ST_SimplifyPreserveTopology(geom, {TOLERANCE_DEGREES}) AS geom, "
            "[]::VARCHAR[] AS parts, []::VARCHAR[] AS missing "
            f"FROM ST_Read('{folder / name}.geojson')"
            for level, name in SOURCES.items()
        )
        con.execute(
            f"""COPY (
                SELECT id, ST_AsWKB(ST_ReducePrecision(geom, {GRID_DEGREES})) AS contour,
                       parts AS shapes_2018, coalesce(missing, []) AS missing_parts
                FROM ({wide}
                      UNION ALL SELECT id, geom, parts, []::VARCHAR[] FROM commune_shapes
                      UNION ALL SELECT id, geom, []::VARCHAR[], missing FROM group_shapes)
                ORDER BY id
            ) TO '{target}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)"""
        )
        count = con.sql(f"SELECT count(*) FROM '{target}'").fetchone()
    return int(count[0]) if count else 0


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    print(build(Path(sys.argv[1])), "contours →", CONTOURS)
