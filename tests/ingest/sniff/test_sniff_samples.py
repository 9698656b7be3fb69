"""Detection on every real sample: expected values written by hand from each SOURCE.md and file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from territoria.ingest.sniff import sniff_text_file
from territoria.ingest.table import ReadOptions

SAMPLES = Path(__file__).parents[2] / "data" / "samples"
MAX_LINE = 16 * 1024**2

# file: (encoding, bom, delimiter, header row, a word with an accent that must decode)
EXPECTED: dict[str, tuple[str, bool, str, int, str | None]] = {
    "dechets/tonnage-decheterie-par-type-dechet-par-dept.csv": (
        "utf-8-sig", True, ",", 1, "Déchets dangereux"),
    "dechets/trilib-paris-2018.csv": ("utf-8", False, ";", 1, "Boulevard de Masséna"),
    "eau/fontaines-a-boire-paris-2021.csv": ("utf-8", False, ";", 1, "Début Indisponibilité"),
    "eau/sanisettes-paris-2021.csv": ("utf-8", False, ";", 1, "Fermé"),
    "energie/conso-elec-gaz-annuelle-par-naf-agregee-region.csv": (
        "utf-8", False, ";", 1, "Île-de-France"),
    "energie/conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv": (
        "utf-8", False, ";", 1, "Nombre de mailles secretisées"),
    "energie/evolution-des-prix-domestiques-du-gaz-et-de-lelectricite.csv": (
        "utf-8", False, ";", 1, None),
    "irve/irve-consolidation-v2.0.0-20210718.csv": ("utf-8", False, ",", 1, "Non concerné"),
    "marches-publics/marches-publics-2015-siret-geoloc.csv": (
        "utf-8", False, ",", 1, "Marchés de travaux"),
    "marches-publics/marches-publics-2016-siret-geoloc.csv": (
        "utf-8", False, ",", 1, "Réfection de toitures"),
    "prenoms/prenoms-naissance-carrieres-sous-poissy.csv": (
        "utf-8", False, ",", 1, "Carrières-sous-Poissy"),
    "securite/donnee-dep-data.gouv-2022-geographie2023-produit-le2023-07-17.csv": (
        "utf-8-sig", True, ";", 1, "Code.département"),
    "securite/etat4001-faits2006-par-departement.csv": (
        "cp1252", False, ";", 1, "prêt de main d'œuvre"),
    "securite/etat4001-faits2010-par-departement.csv": (
        "cp1252", False, ";", 1, "prêt de main d'œuvre"),
    "subventions/dep-nievre-subventions-2016.csv": (
        "cp1252", False, ",", 1, "Département de la Nièvre"),
    "subventions/dep-somme-conventions-20180330.csv": ("cp1252", False, ";", 1, "d’une lettre"),
    "subventions/scdl-haute-garonne-datalocale-subvention.csv": (
        "utf-8", False, ";", 1, "Aide en numéraire"),
    "subventions/scdl-poitiers-subventions-associations-2017.csv": (
        "utf-8", False, ";", 1, "Notification à la commission Européenne"),
    "territoire/demandeurs-emploi-reunion.csv": ("utf-8", False, ";", 1, "Période (Trimestre)"),
    "territoire/odater-organisations-open-data.csv": ("utf-8", False, ",", 1, "Thématiques"),
    "territoire/population-francaise-communes-reunion.csv": (
        "utf-8", False, ";", 1, "Nom de la région"),
    "territoire/v_commune_2025.csv": ("utf-8", False, ",", 1, "L'Abergement-Clémenciat"),
    "tourisme/hebergements-classes-atout-france.csv": (
        "utf-8", False, ";", 1, "TYPOLOGIE ÉTABLISSEMENT"),
}  # fmt: skip

# UTF-8 read as Windows-1252 ("Ã©"), replacement characters, C1 controls (latin-1 for cp1252).
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]|\ufffd|[\u0080-\u009f]")
# Mojibake the publishers themselves left in these UTF-8 files ("abonnÃ©s", "Ã¢gées"), counted by
# hand: the right codec finds exactly these and no more.
SOURCE_MOJIBAKE = {
    "irve/irve-consolidation-v2.0.0-20210718.csv": 1073,
    "marches-publics/marches-publics-2015-siret-geoloc.csv": 2,
}


def test_every_sample_has_an_expectation() -> None:
    found = {str(path.relative_to(SAMPLES)) for path in SAMPLES.glob("*/*.csv")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_detection(name: str) -> None:
    encoding, bom, delimiter, header_row, _ = EXPECTED[name]
    detection = sniff_text_file(SAMPLES / name, ReadOptions(), max_line_bytes=MAX_LINE)
    got = (detection.format, detection.encoding, detection.bom)
    assert got == ("csv", encoding, bom)
    assert (detection.delimiter, detection.quotechar) == (delimiter, '"')
    assert detection.header_row == header_row
    assert detection.forced == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_decodes_without_mojibake(name: str) -> None:
    detection = sniff_text_file(SAMPLES / name, ReadOptions(), max_line_bytes=MAX_LINE)
    assert detection.encoding is not None
    text = (SAMPLES / name).read_bytes().decode(detection.encoding)
    assert not text.startswith("\ufeff"), "the codec must drop the BOM"
    assert len(MOJIBAKE.findall(text)) == SOURCE_MOJIBAKE.get(name, 0)
    word = EXPECTED[name][4]
    if word is not None:
        assert word in text


def test_readme_table_agrees_with_expectations() -> None:
    """The samples' README states encoding and delimiter per file; our table must not drift."""
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+\.csv)` \|[^|]*\|[^|]*\| ([^|]+) \| `(.)` \|$", readme, re.M)
    assert len(rows) == len(EXPECTED)
    for name, encoding, delimiter in rows:
        expected_encoding, bom, expected_delimiter, _, _ = EXPECTED[name]
        assert delimiter == expected_delimiter
        assert ("BOM" in encoding) == bom
        assert ("1252" in encoding) == (expected_encoding == "cp1252")


def test_forced_settings_are_recorded() -> None:
    name = "subventions/dep-somme-conventions-20180330.csv"
    options = ReadOptions(encoding="latin-1", delimiter=";", header_row=2)
    detection = sniff_text_file(SAMPLES / name, options, max_line_bytes=MAX_LINE)
    assert detection.encoding == "iso8859-1"
    assert detection.header_row == 2
    assert detection.forced == ["encoding", "delimiter", "header_row"]
