"""The dataset page's ``.json`` twin, its 404 for unknown and private datasets, a dataset
without a version, and its 400 pages for a page or chart it cannot show."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from portal_site import ADMIN_TOKEN

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN
from territoria.services.ingesting import ingest_file
from territoria.services.metadata import create_dataset_metadata

PRIVATE = "p2-portail-prive"
EMPTY = "p2-portail-sans-version"


@pytest.fixture(scope="module")
def own_datasets(portal_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A private dataset and a private one without a version, under this test's own slugs
    (private: the other pages' tests count the public datasets of the demo)."""
    source = Path(tmp_path_factory.mktemp("p2")) / "secret.csv"
    source.write_text("nom,montant\nalpha,1\nbeta,2\n", encoding="utf-8")
    ingest_file(source, PRIVATE, schema_ref=None, org_code=None, quarantine=False,
                options=ReadOptions(), settings=portal_settings, visibility="private")  # fmt: skip
    create_dataset_metadata(
        portal_settings, EMPTY, {"title": "Sans version", "visibility": "private"}, ADMIN
    )


def test_json_twin_gives_metadata_clauses_and_links(portal_url: str) -> None:
    answer = httpx.get(
        f"{portal_url}/datasets/eau-fontaines.json",
        params={"f.type_fontaine": 'borne "x"', "f.latitude": ">= 48.8", "sort": "-modele",
                "chart.by": "modele", "chart.agg": "avg", "chart.field": "latitude"},
    )  # fmt: skip
    assert answer.status_code == 200
    body = answer.json()
    assert body["title"] == "Fontaines à eau potable"
    assert body["license"]["id"] == "odbl-1.0"
    assert body["query"]["where"] == ['`type_fontaine` like "borne \\"x\\""', "`latitude` >= 48.8"]
    assert body["query"]["orderBy"] == "`modele` desc"
    assert body["chart"]["select"] == "avg(`latitude`) as value"
    formats = [d["format"] for d in body["downloads"]]
    assert "csv" in formats and "xlsx" in formats and "geojson" not in formats
    enum = next(f for f in body["fieldDocumentation"] if f["name"] == "type_fontaine")
    assert ["enum", ["borne fontaine", "robinet", "fontaine type Wallace", "autre"]] in enum[
        "constraints"
    ]
    records = httpx.get(body["api"]["ods"])
    assert records.status_code == 200 and records.json()["total_count"] == 0


def test_unknown_and_private_datasets_are_404_pages(portal_url: str, own_datasets: None) -> None:
    for slug in ("n-existe-pas", PRIVATE):
        page = httpx.get(f"{portal_url}/datasets/{slug}")
        assert page.status_code == 404 and "Page introuvable" in page.text, slug
        assert httpx.get(f"{portal_url}/datasets/{slug}.json").status_code == 404
    admin = httpx.get(f"{portal_url}/datasets/{PRIVATE}", cookies={"territoria_token": ADMIN_TOKEN})
    assert admin.status_code == 200 and "alpha" in admin.text
    empty = httpx.get(f"{portal_url}/datasets/{EMPTY}", cookies={"territoria_token": ADMIN_TOKEN})
    assert empty.status_code == 200 and "pas encore de version" in empty.text


def test_bad_page_or_chart_is_a_400_page(portal_url: str) -> None:
    assert httpx.get(f"{portal_url}/datasets/trilib-paris?page=9999").status_code == 400
    chart = httpx.get(f"{portal_url}/datasets/trilib-paris?chart.by=nope")
    assert chart.status_code == 400 and "Traceback" not in chart.text
