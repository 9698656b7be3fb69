"""The home page: the organisation, its search box, the territory's key figures linking to
the territory and each indicator's method, featured and recent datasets; axe; English."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from portal_browser import axe_violations, describe, screenshot


def test_home_shows_key_figures_featured_and_recent_datasets(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Territoria")
    figures = page.locator(".headline")
    expect(page.get_by_role("heading", name="Chiffres clés — France")).to_be_visible()
    assert figures.count() >= 4
    waste = figures.filter(has_text="Déchets collectés en déchèterie par habitant")
    expect(waste.locator(".value")).to_have_text(re.compile(r"^\d+,\d$"))  # French decimals
    expect(waste.locator(".unit")).to_contain_text("kg par habitant")
    expect(waste.get_by_role("link", name=re.compile("^Méthode"))).to_have_attribute(
        "href", "/indicators/dechets.kg-par-habitant"
    )
    expect(waste.get_by_role("link", name=re.compile("^Tous les indicateurs"))).to_have_attribute(
        "href", "/territories/pays:FR"
    )
    featured = page.locator("section[aria-labelledby=featured-title] .dataset-title")
    recent = page.locator("section[aria-labelledby=recent-title] .dataset-title")
    assert featured.count() >= 3 and recent.count() >= 3
    assert set(featured.all_inner_texts()).isdisjoint(recent.all_inner_texts())
    expect(featured.first).to_contain_text("Fontaines")  # a national schema comes first
    expect(page.locator(".card .badge.ok").first).to_contain_text("Conforme au schéma")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "home")


def test_home_in_english(page: Page) -> None:
    page.goto("/lang/en?next=/")
    assert page.get_attribute("html", "lang") == "en"
    expect(page.get_by_role("heading", name="Key figures — France")).to_be_visible()
    expect(page.get_by_role("heading", name="Featured")).to_be_visible()
    expect(page.locator(".headline").first.locator("h3")).not_to_be_empty()
    expect(
        page.get_by_role("heading", name="Waste collected at recycling centres per inhabitant")
    ).to_be_visible()
    page.get_by_label("Search the datasets").fill("water")
    page.get_by_role("search", name="Dataset search").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/datasets\?q=water"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Data catalogue")


def test_a_key_figure_drawn_from_part_of_the_territory_says_so(page: Page) -> None:
    indicator = "eau.fontaines-pour-10000-habitants"
    answer = page.request.get(f"/api/v1/indicators/{indicator}/values?territory=pays:FR")
    rows = answer.json()["results"]
    latest = max(rows, key=lambda row: row["period"])["coverage"]
    assert latest["contributing"] < latest["expected"]  # the fountains of a few communes
    page.goto("/")
    card = page.locator(".headline").filter(has=page.locator(f"a[href='/indicators/{indicator}']"))
    contributors = f"{latest['contributing']:,}".replace(",", "\u202f")
    expected = f"{latest['expected']:,}".replace(",", "\u202f")
    expect(card.locator(".coverage")).to_have_text(
        f"Calculé à partir des données de {contributors} communes sur {expected}."
    )
    # a figure every expected territory contributed to says nothing of the kind
    waste = page.locator(".headline").filter(has_text="Déchets collectés en déchèterie")
    expect(waste.locator(".coverage")).to_have_count(0)
