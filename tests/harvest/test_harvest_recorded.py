"""Recorded real responses (an Opendatasoft portal, a CKAN-API portal; see
tests/data/harvest/SOURCE.md) served from loopback: the mapping of their real shapes, and a
dataset whose export fails reported and skipped while the others come over."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_remote import Answer, fake_remote
from harvest_helpers import data_file, public_slugs, same_rows
from live_server import SAMPLES
from throwaway import empty_instance

from territoria.config import Settings
from territoria.harvest.http import Politeness
from territoria.security.actor import ADMIN
from territoria.services.harvesting import HarvestOptions, harvest
from territoria.services.metadata import metadata_of

RECORDED = Path(__file__).resolve().parents[1] / "data" / "harvest"
QUICK = Politeness(retries=0, timeout=10)
CSV = SAMPLES / "dechets" / "trilib-paris-2018.csv"
XLSX = SAMPLES / "subventions" / "dep-aube-conventions-subvention.xlsx"


def _ods_routes() -> dict[str, Answer]:
    page = (RECORDED / "ods-v1-search-etalab-sandbox.json").read_bytes()
    download = "/explore/dataset/{}/download/"
    return {
        "/api/datasets/1.0/search/": Answer(page),
        download.format("test-a"): Answer(CSV.read_bytes(), content_type="text/csv"),
        download.format("test-b"): Answer(CSV.read_bytes(), content_type="text/csv"),
        download.format("test-c"): Answer(b"<h1>500</h1>", status=500, content_type="text/html"),
        download.format("test-d"): Answer(CSV.read_bytes()[:500], cut=True),
    }


@pytest.fixture(scope="module")
def ods_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, object]]:
    target = empty_instance(tmp_path_factory.mktemp("ods-recorded"))
    with fake_remote(_ods_routes()) as remote:
        yield target, harvest(target, HarvestOptions(remote.url, politeness=QUICK))


def test_ods_recorded_page_is_read_and_mapped(ods_run: tuple[Settings, object]) -> None:
    target, report = ods_run
    meta = metadata_of(target, "test-a", ADMIN)
    assert meta["title"] == "test-a"
    assert meta["description"] == "<p>test-a-description</p>"
    assert meta["license"]["id"] == "etalab-1.0"  # "Licence Ouverte (Etalab)"
    assert [t["id"] for t in meta["themes"]] == ["ENVI"]  # "Environment"
    # Opendatasoft's own theme label our vocabulary lacks is kept as a keyword, and said so
    assert meta["keywords"] == ["keyword1", "keyword2", "Culture, Heritage"]
    assert meta["landingPage"] == "http://example.com"
    assert meta["language"] == "en"
    assert meta["publisher"]["code"] == "test"
    outcome = next(o for o in report.outcomes if o.remote_id == "test-a")  # type: ignore[attr-defined]
    assert any("Culture, Heritage" in n for n in outcome.notes)


def test_ods_data_comes_over_whole(ods_run: tuple[Settings, object], tmp_path: Path) -> None:
    import duckdb

    target, _report = ods_run
    ours = data_file(target, "test-a")
    con = duckdb.connect()
    try:
        expected = con.execute(f"SELECT count(*) FROM read_csv('{CSV}')").fetchone()[0]  # type: ignore[index]
        stored = con.execute(f"SELECT count(*) FROM '{ours}'").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    assert stored == expected
    # the same file under two remote ids: two datasets, the same rows
    left, right, missing, extra = same_rows(data_file(target, "test-b"), ours)
    assert (left, missing, extra) == (right, 0, 0)


def test_failed_exports_are_reported_and_skipped(ods_run: tuple[Settings, object]) -> None:
    target, report = ods_run
    by_id = {o.remote_id: o for o in report.outcomes}  # type: ignore[attr-defined]
    assert report.exit_code == 1  # type: ignore[attr-defined]
    assert by_id["test-c"].action == "failed" and "500" in by_id["test-c"].error_en
    assert by_id["test-d"].action == "failed"  # a download cut short is never ingested
    assert {"test-a", "test-b"} <= public_slugs(target)
    assert not {"test-c", "test-d"} & public_slugs(target)


def _ckan_routes(remote_url: str) -> dict[str, Answer]:
    recorded = json.loads((RECORDED / "dkan-package-show-hautsdefrance.json").read_text())
    package = recorded["result"][0]
    for resource in package["resources"]:
        if resource["format"] == "xlsx":
            resource["url"] = f"{remote_url}/files/coordonnees_antennes.xlsx"
    page = {"help": recorded["help"], "success": True, "result": {"count": 1, "results": [package]}}
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {
        "/api/3/action/status_show": Answer(b'{"success": true, "result": {}}'),
        "/api/3/action/package_search": Answer(json.dumps(page).encode()),
        "/files/coordonnees_antennes.xlsx": Answer(XLSX.read_bytes(), content_type=xlsx),
    }


def test_ckan_recorded_package_is_read_and_mapped(tmp_path: Path) -> None:
    target = empty_instance(tmp_path / "ckan")
    with fake_remote({}) as remote:
        remote.routes.update(_ckan_routes(remote.url))
        report = harvest(target, HarvestOptions(remote.url, org="217500016", politeness=QUICK))
    assert report.kind == "ckan" and report.exit_code == 0, report.to_dict()
    slug = "antennes-regionales-de-la-region-hauts-de-france-au-01102019-0"
    meta = metadata_of(target, slug, ADMIN)
    assert meta["title"] == "Antennes régionales de la Région Hauts-de-France (au 01/10/2019)"
    assert meta["license"]["id"] == "etalab-1.0"  # Etalab's old licence page URL
    assert meta["frequency"]["id"] == "IRREG"  # ISO 19115 asNeeded
    assert meta["contactPoint"]["email"] == "opendata@hautsdefrance.fr"
    assert "ADMINISTRATION" in meta["keywords"] and "Région Hauts-de-France" in meta["keywords"]
    assert meta["publisher"]["code"] == "217500016"  # --org: the package names none
    (outcome,) = report.outcomes
    assert outcome.action == "created" and outcome.version == 1 and (outcome.rows or 0) > 0
