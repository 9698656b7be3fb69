"""The dataset page in a real browser: filter the table, download the filtered CSV, sort,
draw a chart, see the map; the same table and chart without JavaScript; axe clean."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from portal_browser import axe_violations, describe, guarded_context, screenshot
from portal_site import ADMIN_TOKEN

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import ingest_file

FOUNTAINS = "/datasets/fontaines-a-boire-paris"
ZONES = "p2-portail-zones"


@pytest.fixture(scope="module")
def zones(portal_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Three square zones (GeoJSON polygons), private under this test's own slug."""
    source = Path(tmp_path_factory.mktemp("zones")) / "zones.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nom", "surface", "geo_shape"])
        for i in range(3):
            x = 2.3 + i * 0.05
            ring = [[x, 48.8], [x + 0.04, 48.8], [x + 0.04, 48.84], [x, 48.84], [x, 48.8]]
            writer.writerow(
                [f"zone {i}", i * 10, json.dumps({"type": "Polygon", "coordinates": [ring]})]
            )
    ingest_file(source, ZONES, schema_ref=None, org_code=None, quarantine=False,
                options=ReadOptions(), settings=portal_settings, visibility="private")  # fmt: skip
    return f"/datasets/{ZONES}"


def _column(page: Page, field: str) -> list[str]:
    heads = page.locator("#data-table thead th")
    names = [heads.nth(i).get_attribute("data-field") for i in range(heads.count())]
    position = names.index(field) + 1
    return page.locator(f"#data-table tbody tr td:nth-child({position})").all_inner_texts()


def test_filter_the_table_then_download_the_filtered_csv(page: Page) -> None:
    page.goto(FOUNTAINS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fontaines à boire — Paris (2021)")
    total = page.locator("#table-status").inner_text()
    page.get_by_label("Commune").fill("4eme")
    expect(page.locator("#table-status")).not_to_have_text(total)
    expect(page.locator("#table-status")).to_contain_text("lignes")
    communes = _column(page, "commune")
    assert communes and all("4EME" in c for c in communes), communes
    assert "f.commune=4eme" in page.url
    shown = int(page.locator("#table-status").inner_text().split(" sur ")[1].split()[0])
    with page.expect_download() as download_info:
        page.locator('#downloads a[data-format="csv"]').click()
    content = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert len(rows) == shown
    assert all("4EME" in row["commune"] for row in rows)
    assert 'like "4eme"' in page.locator("#api-curl").inner_text()


def test_sort_by_a_column_both_ways_and_refused_filter_explained(page: Page) -> None:
    page.goto(FOUNTAINS)
    header = page.locator('#data-table th[data-field="voie"]')
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = _column(page, "voie")
    assert ascending == sorted(ascending) and ascending[0] != ascending[-1]
    header.get_by_role("link").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    descending = _column(page, "voie")
    assert descending[0] >= descending[-1] and descending[0] >= ascending[-1]
    assert "sort=-voie" in page.url
    page.goto("/datasets/eau-fontaines")
    page.get_by_label("Latitude (coordonnées GPS)").fill("nord")
    expect(page.locator(".field-error")).to_contain_text("un nombre (10, 2,5) attendu")
    expect(page.get_by_label("Latitude (coordonnées GPS)")).to_have_attribute(
        "aria-invalid", "true"
    )


def test_chart_is_drawn_with_its_data_table(page: Page) -> None:
    page.goto(FOUNTAINS)
    page.get_by_label("Regrouper par").select_option("commune")
    page.get_by_label("Type de graphique").select_option("bar")
    page.get_by_role("button", name="Afficher le graphique").click()
    expect(page.locator("#chart-status")).to_contain_text("groupes")
    labels = page.evaluate("() => Chart.getChart('chart-canvas').data.labels")
    values = page.evaluate("() => Chart.getChart('chart-canvas').data.datasets[0].data")
    assert len(labels) > 20 and sum(values) == 1188  # Paris' arrondissements and neighbours
    drawn = page.evaluate(
        """() => { const c = document.getElementById('chart-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert drawn > 1000
    rows = page.locator("#chart-table tbody tr")
    expect(rows).to_have_count(len(labels))
    page.get_by_label("Type de graphique").select_option("pie")
    page.wait_for_function("() => Chart.getChart('chart-canvas').config.type === 'pie'")


def test_map_clusters_the_fountains_and_axe_finds_nothing(page: Page) -> None:
    page.goto(FOUNTAINS)
    expect(page.locator("#map-status")).to_contain_text("1", timeout=15_000)
    markers = page.locator("#dataset-map .marker-cluster, #dataset-map .map-dot")
    expect(markers.first).to_be_visible()
    assert "1188" in page.locator("#map-status").inner_text().replace("\u202f", "")
    page.get_by_label("Regrouper par").select_option("modele")
    expect(page.locator("#chart-status")).to_contain_text("groupes")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "dataset")


def test_shapes_and_lat_lon_columns_are_mapped_and_plain_tables_load_no_map(
    page: Page, portal_url: str, zones: str
) -> None:
    # private (other tests count the demo's public datasets): the signed-in administrator's
    # cookie alone opens them, to the page and to the API reads its map makes
    page.context.add_cookies(
        [{"name": "territoria_token", "value": ADMIN_TOKEN, "url": portal_url}]
    )
    page.goto(zones)
    expect(page.locator("#dataset-map path.leaflet-interactive")).to_have_count(3)
    page.goto("/datasets/eau-fontaines")
    expect(page.locator("#dataset-map .marker-cluster").first).to_be_visible()
    page.goto("/datasets/prix-gaz-electricite")
    assert page.locator("#dataset-map").count() == 0
    assert "leaflet" not in page.content()


def test_table_filter_sort_and_chart_without_javascript(browser: Browser, portal_url: str) -> None:
    with guarded_context(browser, portal_url, java_script_enabled=False) as (context, outside):
        page = context.new_page()
        page.goto(FOUNTAINS)
        page.get_by_label("Voie", exact=True).fill("rivoli")
        page.get_by_role("button", name="Filtrer", exact=True).click()
        assert "f.voie=rivoli" in page.url
        voies = _column(page, "voie")
        assert voies and all("RIVOLI" in v for v in voies)
        page.locator('#data-table th[data-field="commune"]').get_by_role("link").click()
        assert "sort=commune" in page.url and "f.voie=rivoli" in page.url
        communes = _column(page, "commune")
        assert communes == sorted(communes)
        page.get_by_label("Regrouper par").select_option("commune")
        page.get_by_role("button", name="Afficher le graphique").click()
        groups = page.locator("#chart-table tbody tr")
        assert 0 < groups.count() <= 20
        assert "f.voie=rivoli" in page.url
        page.get_by_label("Mod\u00e8le", exact=True).fill("x")
        page.get_by_label("Disponibilit\u00e9", exact=True).select_option("true")
        page.get_by_role("button", name="Filtrer", exact=True).click()
        assert page.locator("#data-table tbody tr").count() == 0
        assert outside.refused == []
