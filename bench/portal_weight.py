"""Page weight and first contentful paint of a portal page in headless Debian Chromium.

Every response a cold page load receives (the HTML, its CSS, scripts, images and the data its
scripts fetch) is summed twice: as transferred (encoded body and headers, gzip where the
server compressed) and uncompressed (the decoded body). Map contours (GeoJSON of territories)
are summed apart: the target counts a page "before map contours".
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FCP = "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] ?? null"


@dataclass
class Weight:
    """What one page load received (bytes), how many requests, and its FCP (ms)."""

    transferred: int = 0
    uncompressed: int = 0
    contours: int = 0
    requests: int = 0
    fcp_ms: float = float("nan")
    urls: list[tuple[str, int]] = field(default_factory=list)


def is_contour(response: Response) -> bool:
    """A territory's GeoJSON outline (the map's contours), counted apart."""
    path = urlsplit(response.url).path
    kind = response.headers.get("content-type", "")
    return "contour" in path or path.endswith(".geojson") or "geo+json" in kind


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole benchmark."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _load(browser: Browser, url: str, weight: Weight | None) -> float:
    """One cold load of ``url`` (a fresh context: empty cache); its FCP in ms."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses: list[Response] = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    try:
        page.goto(url, wait_until="networkidle")
        page.wait_for_function(f"({FCP}) !== null", timeout=10_000)
        fcp = float(page.evaluate(FCP))
        if weight is not None:
            for response in responses:
                _count(weight, response)
        return fcp
    finally:
        context.close()


def _count(weight: Weight, response: Response) -> None:
    sizes = response.request.sizes()
    transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    try:
        raw = len(response.body())
    except Exception:  # a redirect has no body
        raw = 0
    if is_contour(response):
        weight.contours += transferred
        return
    weight.transferred += transferred
    weight.uncompressed += raw
    weight.requests += 1
    weight.urls.append((urlsplit(response.url).path, transferred))


def measure(browser: Browser, base: str, path: str, loads: int = 3) -> Weight:
    """The weight of ``path`` (first cold load) and the median FCP of ``loads`` cold loads."""
    weight = Weight()
    fcps = [_load(browser, base + path, weight if i == 0 else None) for i in range(loads)]
    weight.fcp_ms = statistics.median(fcps)
    return weight
