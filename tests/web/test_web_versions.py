"""A dataset's version history on the demo (read only): each version with its date, rows and
validation report, the same data in the ``.json`` twin, and the portal's 404."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect
from portal_browser import axe_violations, describe, screenshot

QUARANTINED = "subventions-haute-garonne"  # the demo's real file with errors, kept aside


def test_history_shows_each_version_with_its_report_as_its_json_twin(
    page: Page, portal_url: str
) -> None:
    twin = httpx.get(f"{portal_url}/datasets/{QUARANTINED}/versions.json").json()
    page.goto(f"/datasets/{QUARANTINED}/versions")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique des versions")
    versions = page.locator("article.version")
    expect(versions).to_have_count(len(twin["versions"]))
    latest = twin["versions"][0]
    errors = latest["report"]["stats"]["errors"]
    first = versions.first
    expect(first.get_by_role("heading", level=2)).to_contain_text(f"Version {latest['number']}")
    expect(first.locator(".version-facts")).to_contain_text(latest["sourceFilename"])
    expect(first.locator(".version-facts")).to_contain_text("quarantaine")
    report = first.locator("details.version-report")
    expect(report.locator("summary").first).to_contain_text(f"{errors} erreurs")
    by_type = latest["report"]["tasks"][0]["stats"]["errorsByType"]
    groups = report.locator(".error-group")
    expect(groups).to_have_count(len(by_type))
    expect(groups.first).to_contain_text("Comment corriger")  # header errors come first
    expect(groups.first.get_by_role("heading")).to_contain_text("En-tête incorrect")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "versions-report")


def test_in_english_the_stored_french_messages_say_their_language(page: Page) -> None:
    page.goto(f"/lang/en?next=/datasets/{QUARANTINED}/versions")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version history")
    group = page.locator(".error-group").first
    expect(group).to_contain_text("How to fix:")
    assert group.locator("[lang=fr]").count() >= 1  # messages stored in French, marked so


def test_unknown_dataset_history_is_the_portal_404(page: Page, portal_url: str) -> None:
    response = page.goto("/datasets/ce-jeu-n-existe-pas/versions")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page introuvable")
    assert httpx.get(f"{portal_url}/datasets/ce-jeu-n-existe-pas/versions.json").status_code == 404
