"""Bundled contours: every département and région has one except the listed COM, and they fit."""

from collections.abc import Iterator

import duckdb
import pytest

from territoria.engine.extensions import extension_path, load_extension
from territoria.geo.contours import CONTOURS, contour_geojson, missing_contours
from territoria.geo.geography import Geography


@pytest.fixture(scope="module")
def spatial() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    load_extension(con, extension_path("spatial", "tests", "tests"))
    con.execute(f"CREATE VIEW c AS SELECT id, ST_GeomFromWKB(contour) AS g FROM '{CONTOURS}'")
    yield con
    con.close()


def test_only_collectivites_d_outre_mer_lack_a_contour(geo: Geography) -> None:
    for level in ("departement", "region"):
        missing = missing_contours(geo, level)
        assert missing == sorted(
            f"{level}:{c}" for c in ("975", "977", "978", "984", "986", "987", "988", "989")
        )
        assert all(geo.get(m).code >= "975" for m in missing)


def test_every_contour_is_a_valid_shape_of_a_known_territory(
    geo: Geography, spatial: duckdb.DuckDBPyConnection
) -> None:
    rows = spatial.sql("SELECT id, ST_IsValid(g), ST_GeometryType(g)::VARCHAR FROM c").fetchall()
    assert {r[0] for r in rows} <= set(geo.by_id)
    assert all(valid and kind in ("POLYGON", "MULTIPOLYGON") for _, valid, kind in rows)


def test_a_region_covers_its_departements(spatial: duckdb.DuckDBPyConnection) -> None:
    region, parts = spatial.sql(
        "SELECT (SELECT ST_Area(g) FROM c WHERE id = 'region:94'), "
        "(SELECT sum(ST_Area(g)) FROM c WHERE id IN ('departement:2A', 'departement:2B'))"
    ).fetchone() or (0.0, 0.0)
    assert abs(region - parts) / region < 0.02


def test_contour_as_geojson() -> None:
    shape = contour_geojson("departement:2A")
    assert shape is not None and shape["type"] in ("Polygon", "MultiPolygon")
    lon, lat = (
        shape["coordinates"][0][0][0]
        if shape["type"] == "MultiPolygon"
        else shape["coordinates"][0][0]
    )
    assert 8 < lon < 10 and 41 < lat < 43  # Corse-du-Sud
    assert contour_geojson("commune:75056") is None
