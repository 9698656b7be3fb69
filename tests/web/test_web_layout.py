"""The layout every page shares: language, skip link, landmarks, branding, error pages."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect
from portal_browser import axe_violations, describe, screenshot


def test_home_is_french_first_with_skip_link_and_landmarks(page: Page) -> None:
    page.goto("/")
    assert page.get_attribute("html", "lang") == "fr"
    for landmark in ("banner", "navigation", "main", "contentinfo", "search"):
        assert page.get_by_role(landmark).count() >= 1, landmark
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    skip.press("Enter")
    assert page.url.endswith("#contenu")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "home")


def test_language_switch_is_remembered_across_pages(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/")
    assert page.get_attribute("html", "lang") == "en"
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    page.goto("/does-not-exist")
    assert page.get_attribute("html", "lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page not found")
    page.get_by_role("link", name="Français").click()
    assert page.get_attribute("html", "lang") == "fr"


def test_unknown_page_is_a_styled_404_and_apis_keep_json(page: Page, portal_url: str) -> None:
    response = page.goto("/ceci-n-existe-pas")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page introuvable")
    assert "Traceback" not in page.content()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    api = httpx.get(f"{portal_url}/api/v1/ceci-n-existe-pas")
    assert api.status_code == 404
    assert api.json()["error_code"] == "not-found"


def test_language_switch_refuses_open_redirects(portal_url: str) -> None:
    response = httpx.get(f"{portal_url}/lang/en?next=//evil.example/x", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    unknown = httpx.get(f"{portal_url}/lang/de")
    assert unknown.status_code == 404
    assert "Langue inconnue" in unknown.text


def test_assets_are_compressed_and_cached(portal_url: str) -> None:
    home = httpx.get(portal_url + "/")
    css = next(part.split('"')[0] for part in home.text.split('href="')[1:] if ".css" in part)
    response = httpx.get(portal_url + css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert "immutable" in response.headers["cache-control"]
