"""Fixtures of the portal's tests: the demo instance served once per worker, Chromium, and
a page per test whose requests outside the instance fail the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from portal_browser import guarded_context, launch
from portal_site import build_portal_demo, serving_portal

from territoria.config import Settings


@pytest.fixture(scope="session")
def portal_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The demo instance, built once per test worker; tests must not change what it holds
    (those that upload use their own dataset slugs)."""
    return build_portal_demo(tmp_path_factory.mktemp("portal") / "demo")


@pytest.fixture(scope="session")
def portal_url(portal_settings: Settings) -> Iterator[str]:
    """Base URL of a real uvicorn serving the demo's APIs and portal."""
    with serving_portal(portal_settings) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium per worker."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A page in a fresh context; any request outside the instance fails the test."""
    with guarded_context(browser, portal_url) as (context, outside):
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
        assert outside.refused == [], f"requests outside the instance: {outside.refused}"


@pytest.fixture
def artefacts() -> Path:
    """Where screenshots go (``test-artefacts/portal``, or $TERRITORIA_TEST_ARTEFACTS)."""
    from portal_browser import ARTEFACTS

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
