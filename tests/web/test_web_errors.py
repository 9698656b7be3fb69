"""The portal's error pages on real failures: 404 (unknown dataset, unknown territory), 400 (a bad
parameter), 413 (a file over the instance's limit), 500 (a dataset whose stored data was
deleted: a real internal error, its incident id logged with the traceback, never shown), each
in the portal's layout and in English once the visitor switched."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from portal_site import ADMIN_TOKEN, demo_settings, serving_portal

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.security.actor import TOKEN_COOKIE
from territoria.services.ingesting import ingest_file
from territoria.services.instance import init_instance
from territoria.web.i18n import LANG_COOKIE
from territoria.web.routes import routers
from territoria.web.routes.upload_access import CSRF_COOKIE, CSRF_FIELD

UPLOAD_LIMIT = 4096
ROWS = "code_insee;commune;population\n2A004;Ajaccio;73000\n2B033;Bastia;48000\n"


def _served(path: str) -> bool:
    return any(
        getattr(route, "path_regex", None) is not None and route.path_regex.match(path)  # type: ignore[attr-defined]
        for router in routers()
        for route in router.routes
    )


def _require(path: str) -> None:
    if not _served(path):
        pytest.skip(f"no portal route serves {path} yet")


@pytest.fixture(scope="module")
def throwaway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, str]]:
    """An instance of our own (two tiny datasets, uploads capped at 4 KiB), served."""
    settings = demo_settings(
        tmp_path_factory.mktemp("errors") / "home", max_upload_bytes=UPLOAD_LIMIT
    )
    init_instance(settings).close()
    source = settings.home.parent / "communes.csv"
    source.write_text(ROWS, encoding="utf-8")
    for slug in ("communes-corse", "communes-cassees"):
        ingest_file(
            source, slug, schema_ref=None, org_code=None, quarantine=True,
            options=ReadOptions(), settings=settings,
        )  # fmt: skip
    with serving_portal(settings) as base:
        yield settings, base


def after_switch(base: str, path: str) -> httpx.Response:
    """``path`` once the visitor chose English with the header's switch (``/lang/en``)."""
    with httpx.Client(base_url=base) as visitor:
        answer = visitor.get(f"/lang/en?next={quote(path)}", follow_redirects=True)
        assert visitor.cookies.get(LANG_COOKIE) == "en"
        return answer


def assert_portal_error(answer: httpx.Response, status: int, title: str, lang: str = "fr") -> str:
    """``answer`` is the portal's error page ``status`` titled ``title``; returns its text."""
    assert answer.status_code == status, answer.text[:500]
    assert answer.headers["content-type"].startswith("text/html")
    html = answer.text
    assert f'<html lang="{lang}">' in html
    assert 'class="site-header"' in html and "css/portal.css" in html and 'id="contenu"' in html
    assert re.search(rf"<h1[^>]*>\s*{re.escape(title)}", html), html[:2000]
    for leak in ("Traceback", 'File "/', "site-packages", "Exception", "Error:"):
        assert leak not in html, leak
    return html


def test_unknown_dataset_is_a_404_page_naming_it(throwaway: tuple[Settings, str]) -> None:
    _require("/datasets/inconnu")
    base = throwaway[1]
    html = assert_portal_error(httpx.get(f"{base}/datasets/jeu-inconnu"), 404, "Page introuvable")
    assert "jeu-inconnu" in html
    english = after_switch(base, "/datasets/jeu-inconnu")
    assert_portal_error(english, 404, "Page not found", "en")


def test_unknown_territory_is_a_404_page(throwaway: tuple[Settings, str]) -> None:
    _require("/territories/commune:2A004")
    base = throwaway[1]
    html = assert_portal_error(
        httpx.get(f"{base}/territories/commune:99999"), 404, "Page introuvable"
    )
    assert "commune:99999" in html
    english = after_switch(base, "/territories/commune:99999")
    assert_portal_error(english, 404, "Page not found", "en")


def test_bad_parameter_is_a_400_page(throwaway: tuple[Settings, str]) -> None:
    _require("/datasets")
    base = throwaway[1]
    html = assert_portal_error(
        httpx.get(f"{base}/datasets?page=premiere"), 400, "Requête incorrecte"
    )
    assert "page" in html
    english = after_switch(base, "/datasets?page=premiere")
    assert_portal_error(english, 400, "Bad request", "en")


def test_internal_error_shows_an_incident_id_logged_with_its_traceback(
    throwaway: tuple[Settings, str], caplog: pytest.LogCaptureFixture
) -> None:
    _require("/datasets/communes-cassees")
    settings, base = throwaway
    shutil.rmtree(Path(settings.home) / "lake" / "communes-cassees")  # the instance is corrupted
    with caplog.at_level(logging.ERROR):
        html = assert_portal_error(
            httpx.get(f"{base}/datasets/communes-cassees"), 500, "Erreur interne"
        )
    incident = re.search(r'<code class="incident">([0-9a-f]{12})</code>', html)
    assert incident is not None, html
    logged = [r for r in caplog.records if incident.group(1) in r.getMessage()]
    assert logged and logged[0].exc_info is not None, "the incident is logged with its traceback"
    english = after_switch(base, "/datasets/communes-cassees")
    assert "Internal error; incident id" in assert_portal_error(
        english, 500, "Internal error", "en"
    )


def test_file_over_the_limit_is_a_413_page(throwaway: tuple[Settings, str]) -> None:
    _require("/upload")
    base = throwaway[1]
    too_large = ROWS + "2A041;Bonifacio;3000\n" * (UPLOAD_LIMIT // 20)
    csrf = "jeton-csrf-du-test-0123456789abcdef"
    answer = httpx.post(
        f"{base}/upload",
        data={CSRF_FIELD: csrf, "new_slug": "communes-trop-grand"},
        files={"file": ("communes.csv", too_large.encode(), "text/csv")},
        cookies={TOKEN_COOKIE: ADMIN_TOKEN, CSRF_COOKIE: csrf},
    )
    html = assert_portal_error(answer, 413, "Fichier trop volumineux")
    assert "octets au plus" in html  # the limit is named
    english = httpx.post(
        f"{base}/upload",
        data={CSRF_FIELD: csrf, "new_slug": "communes-trop-grand"},
        files={"file": ("communes.csv", too_large.encode(), "text/csv")},
        cookies={TOKEN_COOKIE: ADMIN_TOKEN, CSRF_COOKIE: csrf, LANG_COOKIE: "en"},
    )  # the cookie /lang/en sets
    assert_portal_error(english, 413, "File too large", "en")
