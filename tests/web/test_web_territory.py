"""Territory pages in a real browser: search by postal code, then a territory's chart, map,
peers and category selector on the demo's real computed indicators."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect
from portal_browser import axe_violations, describe, screenshot

from territoria.geo.contours import children_contours

CORSE_DU_SUD = "departement:2A"


def test_search_by_postal_code_leads_to_the_commune(page: Page) -> None:
    page.goto("/territories")
    page.get_by_label("Nom, code officiel ou code postal").fill("20000")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.get_by_role("status")).to_contain_text("1 territoire trouvé")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("link", name="Ajaccio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajaccio")
    expect(page.locator(".territory-meta")).to_contain_text("Commune")


def test_territory_page_draws_its_chart_map_and_peers(page: Page) -> None:
    page.goto(f"/territories/{CORSE_DU_SUD}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Corse-du-Sud")
    expect(page.locator(".territory-meta")).to_contain_text("habitants")
    expect(page.get_by_role("link", name="Corse", exact=True).first).to_be_visible()
    # the map: one drawn path per commune that has a contour
    communes = children_contours(CORSE_DU_SUD, "commune")
    shaped = sum(1 for f in communes["features"] if f["geometry"] is not None)
    expect(page.locator("#territory-map")).to_have_attribute("data-drawn", str(shaped))
    assert page.locator("#territory-map path.leaflet-interactive").count() == shaped
    # the security rate's evolution: a Chart.js line over 2016-2022, pixels drawn
    card = page.locator('[id="ind-securite.taux-pour-mille"]')
    canvas = card.locator("canvas")
    expect(canvas).to_be_visible()
    points = canvas.evaluate("c => Chart.getChart(c).data.datasets[0].data.length")
    assert points == card.locator(".chart-table tbody tr").count() == 7
    painted = canvas.evaluate(
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i]) n++; } return n; }"
    )
    assert painted > 500
    expect(card.locator(".peer-sentence")).to_contain_text("le département se situe")
    expect(card.locator(".peer-figures")).to_contain_text("sur 101")
    # axis numbers in French (thousands grouped by a narrow no-break space, not a comma)
    tonnes = page.locator('[id="ind-dechets.tonnages"] canvas')
    ticks = tonnes.evaluate("c => Chart.getChart(c).scales.y.ticks.map(t => t.label)")
    big = [label for label in ticks if len(label.replace("\u202f", "")) >= 4]
    assert big and all("\u202f" in label and "," not in label for label in big), ticks
    # indicators the territory has no value of are named by their titles, linked to methods
    missing = page.locator("p.muted a[href='/indicators/eau.fontaines-pour-10000-habitants']")
    expect(missing).to_have_text("Fontaines à boire pour 10 000 habitants")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "territory")
    # another category, chosen without JavaScript's help (a plain GET form)
    card.get_by_label("Catégorie").select_option(label="Cambriolages de logement · infraction")
    card.get_by_role("button", name="Afficher").click()
    card = page.locator('[id="ind-securite.taux-pour-mille"]')
    expect(card.get_by_label("Catégorie")).to_have_value("Cambriolages de logement|infraction")
    expect(card.locator(".peer-sentence")).to_contain_text("pour 1 000 habitants ou logements")


def test_map_of_france_is_light_and_served_by_the_instance(portal_url: str) -> None:
    page = httpx.get(f"{portal_url}/territories/pays:FR")
    assert page.status_code == 200
    assert "children.geojson?level=departement" in page.text
    geojson = httpx.get(
        f"{portal_url}/territories/pays:FR/children.geojson",
        params={"level": "departement", "indicator": "securite.taux-pour-mille"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert geojson.status_code == 200
    assert geojson.headers["content-encoding"] == "gzip"
    assert int(geojson.headers.get("content-length", len(geojson.content))) < 120_000
    body = geojson.json()
    valued = [f for f in body["features"] if f["properties"]["value"] is not None]
    assert len(valued) >= 96 and body["period"] == "2022" and body["breaks"]
    assert set(body["missing"]) <= {f["id"] for f in body["features"]}


def test_territory_errors_and_json_twin(portal_url: str) -> None:
    unknown = httpx.get(f"{portal_url}/territories/departement:99")
    assert unknown.status_code == 404 and "departement:99" in unknown.text
    malformed = httpx.get(f"{portal_url}/territories/nulle-part")
    assert malformed.status_code == 400 and "Traceback" not in malformed.text
    twin = httpx.get(f"{portal_url}/territories/{CORSE_DU_SUD}.json").json()
    assert twin["territory"]["name"] == "Corse-du-Sud"
    panels = {p["id"]: p for pack in twin["dashboard"]["packs"] for p in pack["panels"]}
    rate = panels["securite.taux-pour-mille"]
    assert rate["comparison"]["sentence"]["fr"].startswith("Avec ")
    assert [p["period"] for p in rate["series"]] == [str(y) for y in range(2016, 2023)]
    found = httpx.get(f"{portal_url}/territories.json", params={"q": "2A"}).json()
    assert found["results"][0]["id"] == CORSE_DU_SUD
