"""The catalogue: search from the home page, refine by a facet, page, sort, open a dataset;
the same without JavaScript; the ``.json`` twin; bad parameters; axe; English."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, Page, expect
from portal_browser import axe_violations, describe, guarded_context, screenshot


def _titles(page: Page) -> list[str]:
    return page.locator(".result .dataset-title a").all_inner_texts()


def test_search_refine_page_sort_then_open_a_dataset(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Rechercher parmi les jeux de données").fill("déchets")
    page.get_by_label("Rechercher parmi les jeux de données").press("Enter")
    page.wait_for_url(re.compile(r"/datasets\?q=d"))
    expect(page.locator("#result-count")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#result-count")).to_contain_text("jeux de données")
    found = _titles(page)
    assert any("Tonnages collectés" in title for title in found), found
    page.locator("#facet-format").get_by_label(re.compile(r"^CSV")).check()  # live, with JS
    page.wait_for_url(re.compile(r"format=csv"))
    expect(page.locator("#facet-format").get_by_label(re.compile(r"^CSV"))).to_be_focused()
    expect(page.locator("#result-count")).not_to_have_text(f"{len(found)} jeux de données")
    refined = _titles(page)
    assert refined and len(refined) < len(found), (refined, found)
    expect(page.locator(".result .format").first).to_have_text("CSV")
    chip = page.get_by_role("link", name=re.compile(r"Format : CSV"))
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "catalogue")
    chip.click()
    page.wait_for_url(lambda url: "format=" not in url)
    assert len(_titles(page)) == len(found)

    page.goto("/datasets")
    first_page = _titles(page)
    page.get_by_role("navigation", name="Pages des résultats").get_by_role(
        "link", name="Page 2"
    ).click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator(".pagination [aria-current=page]")).to_have_text("Page 2")
    assert set(_titles(page)).isdisjoint(first_page)
    page.get_by_label("Trier par").select_option("-modified")  # applies at once with JS
    page.wait_for_url(re.compile(r"sort=-modified"))
    assert "page=" not in page.url
    newest = httpx.get(page.url.replace("/datasets?", "/datasets.json?")).json()["results"][0]
    assert _titles(page)[0] == newest["title"]
    page.locator(".result .dataset-title a").first.click()
    page.wait_for_url(f"**/datasets/{newest['slug']}")


def test_without_javascript_the_form_searches_filters_sorts_and_pages(
    browser: Browser, portal_url: str
) -> None:
    with guarded_context(browser, portal_url, java_script_enabled=False) as (context, outside):
        page = context.new_page()
        page.goto("/datasets")
        expect(page.locator("#result-count")).to_contain_text("20 jeux de données")
        page.get_by_role("link", name="Page 2").click()
        expect(page.locator(".pagination [aria-current=page]")).to_have_text("Page 2")
        page.get_by_label("Mots recherchés").fill("subventions")
        page.locator("#facet-schema").get_by_label(re.compile(r"^scdl/subventions")).check()
        page.get_by_label("Trier par").select_option("title")
        page.get_by_role("button", name="Trier", exact=True).click()
        page.wait_for_url(re.compile(r"schema=scdl"))
        titles = _titles(page)
        assert titles == sorted(titles) and len(titles) == 2, titles
        expect(page.locator(".badge.warn")).to_contain_text("69 lignes écartées")
        expect(page.locator(".badge.ok")).to_contain_text("Conforme au schéma scdl/subventions")
        assert outside.refused == []


def test_json_twin_holds_what_the_page_shows(page: Page, portal_url: str) -> None:
    query = "/datasets?q=eau&sort=title"
    page.goto(query)
    twin = httpx.get(portal_url + query.replace("/datasets", "/datasets.json")).json()
    assert _titles(page) == [item["title"] for item in twin["results"]]
    assert twin["total"] == len(twin["results"]) > 0
    expect(page.locator("#result-count")).to_contain_text(f"{twin['total']} ")
    themes = page.locator("#facet-theme label").all_inner_texts()
    expected = [f"{v['label']['fr']} ({v['count']})" for v in twin["facets"]["theme"]]
    assert themes == expected
    assert {item["conformity"]["status"] for item in twin["results"]} <= {
        "conforms",
        "rows-set-aside",
        "no-data",
        "no-schema",
    }


def test_bad_parameters_are_the_portal_error_page(portal_url: str) -> None:
    for query in ("page=-1", "page=abc", "sort=au-hasard", "page=99"):
        response = httpx.get(f"{portal_url}/datasets?{query}")
        assert response.status_code == 400, query
        assert 'class="error-page"' in response.text and "Traceback" not in response.text
    twin = httpx.get(f"{portal_url}/datasets.json?sort=au-hasard")
    assert twin.status_code == 400 and twin.json()["error_code"] == "unknown-sort"


def test_catalogue_in_english(page: Page) -> None:
    page.goto("/datasets?q=eau")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/datasets\?q=eau"))  # the same search, in English
    assert page.get_attribute("html", "lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Data catalogue")
    expect(page.locator("#facet-theme legend")).to_have_text("Theme")
    expect(page.locator("#facet-theme")).to_contain_text("Water and sanitation")
    expect(page.get_by_label("Sort by")).to_be_visible()
