"""Bundled contours: which territories have one, that they fit, and the GeoJSON reads."""

import json
import time
from collections.abc import Iterator

import duckdb
import pytest

from territoria.engine.extensions import extension_path, load_extension
from territoria.errors import UserError
from territoria.geo.contours import (
    CONTOURS,
    LEVELS_WITH_CONTOURS,
    children_contours,
    contour_geojson,
    missing_contours,
    missing_parts,
)
from territoria.geo.geography import Geography


@pytest.fixture(scope="module")
def spatial() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    load_extension(con, extension_path("spatial", "tests", "tests"))
    con.execute(
        f"CREATE TABLE c AS SELECT id, ST_GeomFromWKB(contour) AS g, missing_parts "
        f"FROM '{CONTOURS}'"
    )
    yield con
    con.close()


def test_only_collectivites_d_outre_mer_lack_a_departement_or_region(geo: Geography) -> None:
    for level in ("departement", "region"):
        missing = missing_contours(geo, level)
        assert missing == sorted(
            f"{level}:{c}" for c in ("975", "977", "978", "984", "986", "987", "988", "989")
        )


def test_missing_contours_are_the_geography_minus_the_bundle(
    geo: Geography, spatial: duckdb.DuckDBPyConnection
) -> None:
    bundled = {row[0] for row in spatial.sql("SELECT id FROM c").fetchall()}
    assert bundled <= set(geo.by_id)
    for level in (*LEVELS_WITH_CONTOURS, "arrondissement-municipal"):
        expected = sorted(t.id for t in geo if t.level == level and t.id not in bundled)
        assert missing_contours(geo, level) == expected
    communes = missing_contours(geo, "commune")
    assert 50 < len(communes) < 150  # COM (975…989) and communes restored since 2018
    metropolitan = [c for c in communes if geo.get(c).code < "97"]
    assert 0 < len(metropolitan) < 20 and "commune:75056" not in communes


def test_every_contour_is_a_valid_shape(spatial: duckdb.DuckDBPyConnection) -> None:
    rows = spatial.sql(
        "SELECT id FROM c WHERE NOT ST_IsValid(g) OR ST_IsEmpty(g) "
        "OR ST_GeometryType(g)::VARCHAR NOT IN ('POLYGON', 'MULTIPOLYGON')"
    ).fetchall()
    assert rows == []


def test_a_region_covers_its_departements(spatial: duckdb.DuckDBPyConnection) -> None:
    region, parts = spatial.sql(
        "SELECT (SELECT ST_Area(g) FROM c WHERE id = 'region:94'), "
        "(SELECT sum(ST_Area(g)) FROM c WHERE id IN ('departement:2A', 'departement:2B'))"
    ).fetchone() or (0.0, 0.0)
    assert abs(region - parts) / region < 0.02


def test_an_epci_is_the_union_of_its_members(
    geo: Geography, spatial: duckdb.DuckDBPyConnection
) -> None:
    for epci in ("epci:200054781", "epci:200065597"):
        members = [m.id for m in geo.children(epci)]
        shaped = [m for m in members if m not in missing_parts(epci)]
        assert set(missing_parts(epci)) == set(members) - set(shaped)
        area, summed = spatial.execute(
            "SELECT (SELECT ST_Area(g) FROM c WHERE id = ?), "
            "(SELECT sum(ST_Area(g)) FROM c WHERE list_contains(?, id))",
            [epci, shaped],
        ).fetchone() or (0.0, 0.0)
        assert abs(area - summed) / area < 0.01, epci
    assert missing_parts("epci:200065597") == (
        "commune:14666",
    )  # Sannerville, restored: no 2018 shape


def test_contour_as_geojson() -> None:
    shape = contour_geojson("departement:2A")
    assert shape is not None and shape["type"] in ("Polygon", "MultiPolygon")
    lon, lat = (
        shape["coordinates"][0][0][0]
        if shape["type"] == "MultiPolygon"
        else shape["coordinates"][0][0]
    )
    assert 8 < lon < 10 and 41 < lat < 43  # Corse-du-Sud
    assert contour_geojson("commune:75056") is not None
    assert contour_geojson("commune:97501") is None  # Saint-Pierre-et-Miquelon
    assert contour_geojson("arrondissement-municipal:75101") is None


def test_children_of_a_departement(geo: Geography) -> None:
    collection = children_contours("departement:01", "commune")
    communes = sorted(t.id for t in geo.children("departement:01") if t.level == "commune")
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in collection["features"]] == communes
    assert collection["missing"] == [] and all(f["geometry"] for f in collection["features"])
    arboys = next(f for f in collection["features"] if f["id"] == "commune:01015")
    assert arboys["properties"] == {
        "id": "commune:01015",
        "name": "Arboys en Bugey",
        "code": "01015",
    }
    json.dumps(collection)  # serialisable as it is
    started = time.perf_counter()
    children_contours("departement:59", "commune")
    assert time.perf_counter() - started < 1  # ≈ 20 ms once the table is loaded


def test_children_without_shape_are_kept_and_listed(geo: Geography) -> None:
    collection = children_contours("departement:975", "commune")
    ids = [t.id for t in geo.children("departement:975") if t.level == "commune"]
    assert collection["missing"] == sorted(ids) and len(collection["features"]) == len(ids)
    assert all(f["geometry"] is None for f in collection["features"])
    epcis = children_contours("region:94", "epci")
    assert {f["id"] for f in epcis["features"]} == {
        t.id for d in ("2A", "2B") for t in geo.children(f"departement:{d}") if t.level == "epci"
    }
    with pytest.raises(UserError, match="not a level below"):
        children_contours("commune:75056", "departement")


def test_concurrent_reads_agree_with_sequential_ones() -> None:
    from concurrent.futures import ThreadPoolExecutor

    departements = ["departement:01", "departement:2A", "departement:971", "departement:75"] * 2
    alone = [children_contours(d, "commune") for d in departements]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda d: children_contours(d, "commune"), departements))
    assert together == alone
