"""The upload wizard completed with the keyboard alone: Tab to move, Enter and Space to act
(typing only where a text is asked), never a mouse click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from portal_browser import guarded_context
from portal_site import ADMIN_TOKEN, serving_portal
from portal_upload import as_corrected, tab_to, upload_instance


@pytest.fixture(scope="module")
def keyboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh instance of this test's own."""
    settings = upload_instance(tmp_path_factory.mktemp("keyboard") / "instance")
    with serving_portal(settings) as base:
        yield base


@pytest.fixture
def kpage(browser: Browser, keyboard_url: str) -> Iterator[Page]:
    """A page on that instance; any request outside it fails the test."""
    with guarded_context(browser, keyboard_url) as (context, outside):
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        # Playwright turns Chromium's file-chooser interception on when the first listener is
        # added, without waiting for it; a listener added now is in place long before the
        # test presses Space on the file input (under load, a listener added just before
        # the key press could miss the dialog).
        tab.on("filechooser", lambda _chooser: None)
        yield tab
        assert outside.refused == [], f"requests outside the instance: {outside.refused}"


def _focus_is_visible(page: Page) -> None:
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "the focused control shows no outline"


def test_the_wizard_completes_with_tab_enter_and_space_only(kpage: Page, tmp_path: Path) -> None:
    page = kpage
    page.goto("/upload")
    tab_to(page, "#token")
    page.keyboard.type(ADMIN_TOKEN)
    with page.expect_navigation(url="**/upload"):
        page.keyboard.press("Enter")
    # step 1: the file input opens the file chooser with Space
    tab_to(page, "#file")
    _focus_is_visible(page)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(as_corrected(tmp_path, 12, "prenoms-clavier.csv"))
    tab_to(page, "#new_slug")
    page.keyboard.type("prenoms-clavier")
    page.keyboard.press("Tab")
    page.keyboard.type("Prénoms saisis au clavier")
    tab_to(page, "#upload-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/detection")
    # step 2: go on with what was detected
    tab_to(page, "button[value=next]")
    _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/schema")
    # step 3: the inferred schema (the select's first option), submitted with Space
    tab_to(page, "#schema-form button[type=submit]")
    page.keyboard.press("Space")
    page.wait_for_url("**/report")
    expect(page.locator(".report-summary")).to_contain_text("12 lignes, aucune erreur.")
    # step 4 → 5: the link with Enter, then publish with Space
    tab_to(page, "a[href$='/publish']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/publish")
    tab_to(page, "#publish-button")
    page.keyboard.press("Space")
    page.wait_for_url("**/datasets/prenoms-clavier/versions?published=1*")
    expect(page.get_by_role("status")).to_contain_text("La version 1 est publiée.")
    expect(page.locator("article.version")).to_have_count(1)
