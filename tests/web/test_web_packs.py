"""Pack and indicator pages: what a pack measures, its datasets and mappings, each
indicator's formula and method, rendered from Markdown with raw HTML escaped."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect
from portal_browser import axe_violations, describe, screenshot

from territoria.web.markdown_text import markdown


def test_packs_lead_to_a_pack_and_its_method(page: Page) -> None:
    page.goto("/packs")
    expect(page.locator(".cards > li")).to_have_count(5)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("link", name="Sécurité et délinquance enregistrée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sécurité et délinquance enregistrée")
    method = page.locator("section.method")
    expect(method.get_by_role("heading", name="Sources")).to_be_visible()
    expect(method).to_contain_text("SSMSI")
    indicators = page.locator("section[aria-labelledby=indicators-title] tbody tr")
    expect(indicators).to_have_count(3)
    expect(page.get_by_role("link", name="France")).to_be_visible()  # installed for pays:FR
    page.get_by_text("Base départementale SSMSI (data.gouv.fr", exact=False).click()
    expect(page.get_by_role("cell", name="tauxpourmille")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "pack")


def test_indicator_page_shows_formula_method_and_values(page: Page) -> None:
    page.goto("/indicators/securite.taux-pour-mille")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Taux pour 1 000")
    expect(page.locator(".definition")).to_contain_text("× 1000")
    expect(page.locator("section[aria-labelledby=method-title]")).to_contain_text("Numérateur")
    rows = page.locator("section[aria-labelledby=values-title] tbody tr")
    expect(rows).to_have_count(14)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "indicator")
    rows.first.get_by_role("link", name="France").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("France")


def test_json_twins_and_unknown_ids(portal_url: str) -> None:
    packs = httpx.get(f"{portal_url}/packs.json").json()["packs"]
    assert {p["id"] for p in packs} == {"dechets", "eau", "energie", "securite", "tourisme"}
    assert all(p["installations"][0]["territory"] == "pays:FR" for p in packs)
    pack = httpx.get(f"{portal_url}/packs/tourisme.json").json()
    assert pack["method"].startswith("#")
    unknown = httpx.get(f"{portal_url}/indicators/securite.nulle")
    assert unknown.status_code == 404 and "securite.nulle" in unknown.text
    assert httpx.get(f"{portal_url}/packs/nulle").status_code == 404


def test_method_markdown_escapes_raw_html() -> None:
    html = str(markdown("# Titre\n\n<script>alert(1)</script> [x](javascript:alert(1))", 1))
    assert "<h2>Titre</h2>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
