"""Every page type of the portal, once each: axe (0 serious/critical), nothing asked outside the
instance (the ``page`` fixture fails the test), ``<html lang>``, one ``<h1>``, the skip link
first in the tab order, a name on every form control, and the ``.json`` twin where it exists.
A page type whose route is not served yet is skipped, with its path as the reason."""

from __future__ import annotations

import json

import httpx
import pytest
from playwright.sync_api import Page
from portal_browser import axe_violations, describe

from territoria.web.routes import routers

# page type -> a real page of the demo instance
PAGES = {
    "home": "/",
    "catalogue": "/datasets",
    "dataset": "/datasets/fontaines-a-boire-paris",
    "territory": "/territories/departement:2A",
    "territories": "/territories?q=ajaccio",
    "packs": "/packs",
    "pack": "/packs/dechets",
    "indicator": "/indicators/dechets.kg-par-habitant",
    "upload": "/upload",
    "versions": "/datasets/subventions-exemple-scdl/versions",
    "error": "/page-inconnue",
}

NAMED = ("dataset", "territory", "pack", "indicator")  # their twin names the page's id

# form controls without a label, aria-label, aria-labelledby, title or (buttons) text
UNNAMED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(el => el.type !== 'hidden')
  .filter(el => {
    const text = s => (s || '').trim();
    const byIds = text(el.getAttribute('aria-labelledby')).split(/\\s+/)
      .map(id => id && document.getElementById(id) ? document.getElementById(id).textContent : '')
      .join('');
    const labels = [...(el.labels || [])].map(l => l.textContent).join('');
    const own = el.tagName === 'BUTTON' || ['submit', 'button', 'reset'].includes(el.type)
      ? text(el.textContent) || text(el.value) : '';
    return !(text(el.getAttribute('aria-label')) || text(byIds) || text(labels)
             || text(el.getAttribute('title')) || own);
  })
  .map(el => el.outerHTML.slice(0, 160))"""


def _served(path: str, *, twin: bool = False) -> bool:
    """A portal route answers ``path`` (for a twin: a route declared with ``.json``)."""
    bare = path.split("?", 1)[0]
    for router in routers():
        for route in router.routes:
            regex = getattr(route, "path_regex", None)
            declared = str(getattr(route, "path", ""))
            if regex is not None and regex.match(bare) and (not twin or declared.endswith(".json")):
                return True
    return False


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_type_passes_the_audit(kind: str, page: Page, portal_url: str) -> None:
    path = PAGES[kind]
    if kind != "error" and not _served(path):
        pytest.skip(f"no portal route serves {path} yet ({kind} page)")
    response = page.goto(path, wait_until="networkidle")
    assert response is not None
    assert response.status == (404 if kind == "error" else 200), path
    assert page.get_attribute("html", "lang") == "fr"
    assert page.locator("h1").count() == 1, f"{path}: {page.locator('h1').all_inner_texts()}"

    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.className, document.activeElement.href]")
    assert "skip-link" in first[0] and first[1].endswith("#contenu"), f"{path}: first is {first}"

    unnamed = page.evaluate(UNNAMED_CONTROLS)
    assert unnamed == [], f"{path}: form controls without an accessible name: {unnamed}"
    violations = axe_violations(page)
    assert violations == [], f"{path}:\n{describe(violations)}"

    bare, _, query = path.partition("?")
    twin = bare.rstrip("/") + ".json" + (f"?{query}" if query else "")
    if kind != "error" and bare != "/" and _served(twin, twin=True):
        answer = httpx.get(portal_url + twin)
        assert answer.status_code == 200, twin
        assert answer.headers["content-type"].startswith("application/json"), twin
        body = json.dumps(answer.json(), ensure_ascii=False)
        if kind in NAMED:
            identifier = bare.rsplit("/", 1)[-1]
            assert identifier in body, f"{twin} does not name {identifier}"
