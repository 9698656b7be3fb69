"""Debian's Chromium driven by Playwright, with every request outside the instance refused
and recorded (the portal must never call the internet), and axe-core's audit."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

CHROMIUM = "/usr/bin/chromium"
# the flags that keep Chromium from calling Google's services on a closed network
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = Path(os.environ.get("TERRITORIA_TEST_ARTEFACTS", "test-artefacts")) / "portal"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class OutsideRequests:
    """The URLs a page asked for outside the instance (each refused before leaving)."""

    def __init__(self, base: str) -> None:
        self.origin = urlsplit(base).netloc
        self.refused: list[str] = []

    def route(self, route: Route) -> None:
        url = route.request.url
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob") or urlsplit(url).netloc == self.origin:
            route.continue_()
            return
        self.refused.append(url)
        route.abort()


@contextmanager
def guarded_context(
    browser: Browser, base: str, **options: Any
) -> Iterator[tuple[BrowserContext, OutsideRequests]]:
    """A fresh browser context whose requests outside ``base`` are refused and listed."""
    context = browser.new_context(base_url=base, **options)
    outside = OutsideRequests(base)
    context.route("**/*", outside.route)
    try:
        yield context, outside
    finally:
        context.close()


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[Any]:
    """axe-core's WCAG 2.1 A/AA violations of ``page`` at ``impacts`` (vendored from npm)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA,
    )
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[Any]) -> str:
    """The violations, readable in a failed assertion."""
    lines = []
    for violation in violations:
        targets = [node.get("target") for node in violation.get("nodes", [])][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return "\n".join(lines) or json.dumps(violations)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact; returns its path."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
