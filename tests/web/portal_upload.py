"""The upload wizard's test instance and files: a fresh instance of its own (the shared demo
is never written to), and a real collectivité's file as published and as corrected."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import Page
from portal_site import ADMIN_TOKEN

from territoria.config import Settings
from territoria.services.instance import init_instance

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "prenoms"
SAMPLE_FILE = SAMPLE / "prenoms-naissance-carrieres-sous-poissy.csv"
SCHEMA_HEADER = [
    "COMMUNE_NOM",
    "COLL_INSEE",
    "ENFANT_SEXE",
    "ENFANT_PRENOM",
    "NOMBRE_OCCURRENCES",
    "ANNEE",
]
MAX_UPLOAD = 20_000  # small, so that the 413 needs no large file


def upload_instance(home: Path) -> Settings:
    """A fresh, empty instance in ``home`` accepting uploads of :data:`MAX_UPLOAD` bytes."""
    settings = Settings(home=home, admin_token=ADMIN_TOKEN, max_upload_bytes=MAX_UPLOAD)  # type: ignore[call-arg]
    init_instance(settings).close()
    return settings


def _rows(count: int) -> list[list[str]]:
    with SAMPLE_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[1 : count + 1]


def as_published(folder: Path, count: int = 20) -> Path:
    """The commune's file as it was published: its own headers (``PRENOM_ENFANT``,
    ``NOMBRE_OCCURENCES``), no sex column, and the SCDL schema it does not follow."""
    target = folder / "prenoms-carrieres.csv"
    lines = SAMPLE_FILE.read_bytes().split(b"\n")[: count + 1]  # header and rows, verbatim
    target.write_bytes(b"\n".join(lines) + b"\n")
    return target


def as_corrected(
    folder: Path, count: int = 20, name: str = "prenoms-carrieres-corrige.csv"
) -> Path:
    """The same rows following the SCDL prénoms schema: its headers, and the sex column
    added as ``I`` (not given by the source)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCHEMA_HEADER)
    for commune, insee, first_name, occurrences, year in _rows(count):
        writer.writerow([commune, insee, "I", first_name, occurrences, year])
    target = folder / name
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def sign_in(page: Page) -> None:
    """Give the administrator's token on ``/upload``."""
    page.goto("/upload")
    page.get_by_label("Jeton d'administration").fill(ADMIN_TOKEN)
    with page.expect_navigation(url="**/upload"):
        page.get_by_role("button", name="Se connecter").click()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")
