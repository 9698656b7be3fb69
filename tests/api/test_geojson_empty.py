"""A GeoJSON export of no row is an empty FeatureCollection when the dataset has a geometry.

Opendatasoft answers ``{"type": "FeatureCollection", "features": []}`` to a ``where`` that
matches nothing; a version of no row, or of empty geometry cells, is the same case on the
native API and the CLI. The geometry is the column the version's schema types as one, never
guessed from rows that are not there; a dataset with no geometry column stays a 400. A real
uvicorn serves real samples and two small files typed by a Table Schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import SAMPLES
from throwaway import Served, empty_instance, served

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.exporting import export_version
from territoria.services.ingesting import ingest_file

EXPLORE = "/api/explore/v2.1/catalog/datasets"
EMPTY = {"type": "FeatureCollection", "features": []}
SCHEMA = {
    "fields": [
        {"name": "nom", "type": "string"},
        {"name": "contour", "type": "geojson"},
        {"name": "point", "type": "geopoint"},
    ]
}
TYPED = {"sans-ligne": "nom,contour,point\n", "sans-geometrie": "nom,contour,point\na,,\n"}
SAMPLE_FILES = {
    "fontaines": "eau/fontaines-a-boire-paris-2021.csv",
    "subventions": "subventions/scdl-haute-garonne-datalocale-subvention.csv",
}
NOTHING = {"where": 'nom = "aucun"'}


def _ingest(settings: Settings, path: Path, slug: str, schema: object = None) -> None:
    ingest_file(
        path,
        slug,
        schema_ref=schema,  # type: ignore[arg-type]
        org_code=None,
        quarantine=True,
        options=ReadOptions(),
        settings=settings,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two real samples (points; no geometry) and two typed files without a geometry cell."""
    home = tmp_path_factory.mktemp("geojson-empty") / "home"
    settings = empty_instance(home)
    for slug, sample in SAMPLE_FILES.items():
        _ingest(settings, SAMPLES / sample, slug)
    for slug, text in TYPED.items():
        path = home.parent / f"{slug}.csv"
        path.write_text(text, encoding="utf-8")
        _ingest(settings, path, slug, SCHEMA)
    with served(settings) as running:
        yield running


def test_a_where_matching_nothing_is_an_empty_collection(server: Served) -> None:
    with server.anon() as http:
        for params in ({"where": 'commune = "nulle part"'}, {"where": "false", "limit": "0"}):
            answer = http.get(f"{EXPLORE}/fontaines/exports/geojson", params=params)
            assert answer.status_code == 200, answer.text
            assert answer.headers["content-type"].startswith("application/geo+json")
            assert answer.json() == EMPTY
        map_query = {"select": "point", **NOTHING}  # the portal map's request
        assert http.get(f"{EXPLORE}/sans-geometrie/exports/geojson", params=map_query).json() == (
            EMPTY
        )


@pytest.mark.parametrize("slug", sorted(TYPED))
def test_a_version_without_geometry_cells_exports_on_every_api(
    server: Served, slug: str, tmp_path: Path
) -> None:
    """The version's schema names the geometry: no cell is needed to find it."""
    rows = TYPED[slug].count("\n") - 1
    with server.anon() as http:
        native = http.get(f"/api/v1/datasets/{slug}/versions/1/download?format=geojson")
        explore = http.get(f"{EXPLORE}/{slug}/exports/geojson")
        filtered = http.get(f"{EXPLORE}/{slug}/exports/geojson", params=NOTHING)
    assert native.status_code == explore.status_code == 200, native.text
    for answer in (native, explore):
        features = answer.json()["features"]
        assert len(features) == rows and all(f["geometry"] is None for f in features)
    assert filtered.json() == EMPTY
    out = tmp_path / f"{slug}.geojson"
    export_version(slug, "geojson", None, out, server.settings)  # the CLI's export
    assert len(json.loads(out.read_bytes())["features"]) == rows


def test_no_geometry_column_stays_a_clear_400(server: Served) -> None:
    with server.anon() as http:
        answers = [
            http.get(f"{EXPLORE}/subventions/exports/geojson"),
            http.get(f"{EXPLORE}/subventions/exports/geojson", params={"where": "false"}),
            http.get("/api/v1/datasets/subventions/versions/1/download?format=geojson"),
            # the geometry exists but the select leaves it out
            http.get(
                f"{EXPLORE}/fontaines/exports/geojson",
                params={"select": "commune", "where": "false"},
            ),
        ]
    for answer in answers:
        assert answer.status_code == 400, answer.text
        body = answer.json()
        assert body["error_code"] == "export-not-possible"
        assert "GeoJSON" in body["message"] and "GeoJSON" in body["message_fr"]
