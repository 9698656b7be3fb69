"""Merged communes get the union of their 2018 shapes: checked on the real 2018 file's
Deux-Sèvres and Vendée communes (tests/geo/data, a verbatim extract), the two départements
with the most mergers and a restored commune since 2018."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from territoria.engine.extensions import extension_path, load_extension
from territoria.geo.contours import CONTOURS, missing_contours
from territoria.geo.geography import Geography

EXTRACT = Path(__file__).with_name("data") / "communes-2018-79-85.geojson"


@pytest.fixture(scope="module")
def con(geo: Geography) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    load_extension(connection, extension_path("spatial", "tests", "tests"))
    connection.execute(f"CREATE TABLE s AS SELECT code, geom FROM ST_Read('{EXTRACT}')")
    codes = [row[0] for row in connection.sql("SELECT code FROM s").fetchall()]
    matches = {code: geo.resolve_commune(code) for code in codes}
    connection.execute("CREATE TABLE today (code VARCHAR, id VARCHAR, old BOOLEAN)")
    connection.executemany(
        "INSERT INTO today VALUES (?, ?, ?)",
        [(c, m.territory.id, m.old_code) for c, m in matches.items() if m is not None],
    )
    connection.execute(
        f"CREATE TABLE b AS SELECT id, ST_GeomFromWKB(contour) AS g, shapes_2018 FROM '{CONTOURS}'"
    )
    yield connection
    connection.close()


def test_every_2018_code_maps_to_a_commune_of_today(con: duckdb.DuckDBPyConnection) -> None:
    count, mapped, old = con.sql(
        "SELECT (SELECT count(*) FROM s), count(*), count(*) FILTER (WHERE old) FROM today"
    ).fetchone() or (0, 0, 0)
    assert count == mapped and old > 40  # 38 Deux-Sèvres and 16 Vendée codes merged since


def test_a_merged_commune_is_the_union_of_its_former_shapes(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.sql(
        """SELECT t.id, list(t.code ORDER BY t.code), any_value(b.shapes_2018),
                  sum(ST_Area(s.geom)), any_value(ST_Area(b.g)),
                  sum(ST_Area(ST_Intersection(s.geom, b.g)))
           FROM today t JOIN s USING (code) LEFT JOIN b ON b.id = t.id
           GROUP BY t.id HAVING bool_or(t.old)"""
    ).fetchall()
    assert len(rows) > 20
    for commune, codes, bundled, parts_area, area, overlap in rows:
        assert bundled == codes, commune  # every 2018 shape under an old code, none else
        assert abs(area - parts_area) / parts_area < 0.01, commune
        assert overlap / parts_area > 0.99, commune  # the union covers each former shape


def test_unchanged_communes_keep_their_own_shape(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.sql(
        """SELECT t.id, b.shapes_2018, ST_Area(s.geom), ST_Area(b.g)
           FROM today t JOIN s USING (code) JOIN b ON b.id = t.id
           WHERE t.id NOT IN (SELECT id FROM today WHERE old)"""
    ).fetchall()
    assert len(rows) > 400
    for commune, parts, before, after in rows:
        assert parts == [commune.partition(":")[2]] and abs(after - before) / before < 0.02


def test_communes_restored_since_2018_are_listed_as_missing(geo: Geography) -> None:
    missing = missing_contours(geo, "commune")
    vendee = [m for m in missing if geo.get(m).departement == "85"]
    assert [geo.get(m).name for m in vendee] == [
        "L'Oie",
        "Sainte-Florence",
    ]  # restored: no 2018 shape
    assert all(geo.get(m).population for m in vendee)  # real communes, not dropped
