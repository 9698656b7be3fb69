"""The upload wizard in Chromium on an instance of its own: the token, a real commune's file
refused with its errors marked where they are, the corrected file published, its history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from portal_browser import axe_violations, describe, guarded_context, screenshot
from portal_site import serving_portal
from portal_upload import MAX_UPLOAD, as_corrected, as_published, sign_in, upload_instance


@pytest.fixture(scope="module")
def upload_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh instance of these tests' own, served with the portal."""
    settings = upload_instance(tmp_path_factory.mktemp("upload") / "instance")
    with serving_portal(settings) as base:
        yield base


@pytest.fixture
def upage(browser: Browser, upload_url: str) -> Iterator[Page]:
    """A page on the upload instance; any request outside it fails the test."""
    with guarded_context(browser, upload_url) as (context, outside):
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
        assert outside.refused == [], f"requests outside the instance: {outside.refused}"


def _no_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _start(page: Page, file: Path, slug: str | None, title: str = "") -> None:
    page.goto("/upload")
    page.get_by_label("Fichier à déposer").set_input_files(file)
    if slug is None:
        page.get_by_label("Jeu de données", exact=True).select_option("prenoms-carrieres")
    else:
        page.get_by_label("Identifiant du nouveau jeu").fill(slug)
        page.get_by_label("Titre du nouveau jeu").fill(title)
    page.get_by_role("button", name="Déposer et analyser").click()
    page.wait_for_url("**/detection")


def test_wrong_token_is_refused_plainly_then_the_right_one_opens_the_wizard(upage: Page) -> None:
    upage.goto("/upload")
    _no_violations(upage)
    upage.get_by_label("Jeton d'administration").fill("not-the-token-at-all")
    with upage.expect_response("**/upload/login") as answer:
        upage.get_by_role("button", name="Se connecter").click()
    assert answer.value.status == 403
    expect(upage.get_by_role("alert")).to_contain_text("Jeton incorrect.")
    _no_violations(upage)
    screenshot(upage, "upload-wrong-token")
    sign_in(upage)
    expect(upage.get_by_role("heading", name="1. Le fichier et le jeu de données")).to_be_visible()
    cookies = {c["name"]: c for c in upage.context.cookies()}
    assert (
        cookies["territoria_token"]["httpOnly"]
        and cookies["territoria_token"]["sameSite"] == "Strict"
    )
    upage.get_by_role("button", name="Se déconnecter").click()
    expect(upage.get_by_label("Jeton d'administration")).to_be_visible()


def test_a_file_too_large_is_the_portal_413_page(upage: Page, tmp_path: Path) -> None:
    big = tmp_path / "trop-gros.csv"
    big.write_text("a,b\n" + "1,2\n" * (MAX_UPLOAD // 2), encoding="utf-8")
    sign_in(upage)
    upage.get_by_label("Fichier à déposer").set_input_files(big)
    upage.get_by_label("Identifiant du nouveau jeu").fill("trop-gros")
    with upage.expect_response(
        lambda r: r.url.endswith("/upload") and r.request.method == "POST"
    ) as answer:
        upage.get_by_role("button", name="Déposer et analyser").click()
    assert answer.value.status == 413
    expect(upage.get_by_role("heading", level=1)).to_contain_text("Fichier trop volumineux")
    assert "Traceback" not in upage.content()
    _no_violations(upage)


def test_invalid_file_report_then_corrected_file_becomes_a_new_version(
    upage: Page, tmp_path: Path
) -> None:
    sign_in(upage)
    _no_violations(upage)
    screenshot(upage, "upload-1-file")
    _start(upage, as_published(tmp_path), "prenoms-carrieres", "Prénoms")
    # step 2: what was detected, the columns and their inferred types
    expect(upage.get_by_label("Encodage")).to_contain_text("détecté : utf-8")
    expect(upage.get_by_label("Séparateur")).to_contain_text("virgule")
    columns = upage.locator("table.columns-table tbody tr")
    expect(columns).to_have_count(5)
    expect(upage.get_by_label("Type de la colonne NOMBRE_OCCURENCES")).to_have_value("integer")
    _no_violations(upage)
    screenshot(upage, "upload-2-detection")
    upage.get_by_role("button", name="Continuer : choisir le schéma").click()
    # step 3: the SCDL schema the commune should follow
    upage.get_by_label("Schéma").select_option("scdl/prenoms")
    _no_violations(upage)
    upage.get_by_role("button", name="Valider le fichier").click()
    upage.wait_for_url("**/report")
    # step 4: the report, errors marked at their rows and columns, a fix per type
    expect(upage.locator(".report-summary")).to_contain_text("Invalide")
    header = upage.locator("table.report-preview thead th", has_text="PRENOM_ENFANT")
    expect(header).to_have_class("cell-error")
    described = header.get_attribute("aria-describedby")
    assert described
    expect(upage.locator(f"#{described.split()[0]}")).to_contain_text(
        "devrait être « ENFANT_SEXE »"
    )
    row_five = upage.locator("tbody tr", has=upage.get_by_role("rowheader", name="5", exact=True))
    cell = row_five.locator("td").nth(3)  # the 4th column: the schema's ENFANT_PRENOM
    expect(cell).to_have_text("! 1")
    message = upage.locator(f"#{cell.get_attribute('aria-describedby').split()[0]}")  # type: ignore[union-attr]
    expect(message).to_contain_text("ligne 5, colonne « ENFANT_PRENOM »")
    expect(upage.locator(".error-group").first).to_contain_text("Comment corriger")
    expect(
        upage.get_by_role("heading", name="En-tête incorrect (3) incorrect-label")
    ).to_be_visible()
    expect(upage.get_by_text("Renommez l'en-tête de la colonne exactement")).to_be_visible()
    _no_violations(upage)
    screenshot(upage, "upload-4-report")
    # the corrected file, the same choices
    upage.get_by_label("Déposer le fichier corrigé").set_input_files(as_corrected(tmp_path))
    upage.get_by_role("button", name="Valider le fichier corrigé").click()
    expect(upage.locator(".report-summary")).to_contain_text("20 lignes, aucune erreur.")
    upage.get_by_role("link", name="Continuer : publier").click()
    # step 5: publish
    _no_violations(upage)
    screenshot(upage, "upload-5-publish")
    upage.get_by_role("button", name="Publier comme nouvelle version").click()
    upage.wait_for_url("**/datasets/prenoms-carrieres/versions?published=1*")
    expect(upage.get_by_role("status")).to_contain_text("La version 1 est publiée.")
    # next month's file: ten more rows, a second version and its diff
    _start(upage, as_corrected(tmp_path, 30, "prenoms-carrieres-mars.csv"), None)
    upage.get_by_role("button", name="Continuer : choisir le schéma").click()
    upage.get_by_label("Schéma").select_option("scdl/prenoms")
    upage.get_by_role("button", name="Valider le fichier").click()
    upage.get_by_role("link", name="Continuer : publier").click()
    upage.get_by_role("button", name="Publier comme nouvelle version").click()
    upage.wait_for_url("**/versions?published=2*")
    versions = upage.locator("article.version")
    expect(versions).to_have_count(2)
    expect(versions.first.get_by_role("heading", level=2)).to_contain_text("Version 2")
    expect(versions.first.locator(".diff-counts")).to_contain_text("+10 lignes ajoutées")
    expect(versions.first.locator(".version-facts")).to_contain_text("30")
    _no_violations(upage)
    screenshot(upage, "versions-history")


def test_drop_a_file_onto_the_zone_fills_the_input(upage: Page, tmp_path: Path) -> None:
    sign_in(upage)
    expect(upage.get_by_text("Vous pouvez aussi glisser le fichier ici.").first).to_be_visible()
    dropped = upage.evaluate(
        """() => {
            const zone = document.querySelector('[data-drop-zone]');
            const data = new DataTransfer();
            data.items.add(new File(['a,b\\n1,2\\n'], 'glisse.csv', {type: 'text/csv'}));
            const drop = {dataTransfer: data, bubbles: true, cancelable: true};
            zone.dispatchEvent(new DragEvent('drop', drop));
            return document.getElementById('file').files[0].name;
        }"""
    )
    assert dropped == "glisse.csv"


def test_a_draft_is_kept_listed_and_resumed_then_discarded(upage: Page, tmp_path: Path) -> None:
    sign_in(upage)
    _start(upage, as_corrected(tmp_path, 5, "brouillon.csv"), "prenoms-brouillon", "Brouillon")
    upage.goto(upage.url.replace("/detection", "/publish"))
    upage.get_by_role("button", name="Garder en brouillon").click()
    expect(upage.get_by_role("status")).to_contain_text("gardé en brouillon")
    draft = upage.get_by_role("link", name="brouillon.csv → prenoms-brouillon")
    draft.click()
    expect(upage.locator(".report-summary")).to_contain_text("5 lignes, aucune erreur.")
    upage.get_by_role("link", name="Continuer : publier").click()
    upage.get_by_role("button", name="Abandonner ce dépôt").click()
    expect(upage.get_by_role("status")).to_contain_text("abandonné")
    expect(upage.get_by_role("link", name="brouillon.csv → prenoms-brouillon")).to_have_count(0)
    assert upage.goto("/datasets/prenoms-brouillon/versions").status == 404  # type: ignore[union-attr]
