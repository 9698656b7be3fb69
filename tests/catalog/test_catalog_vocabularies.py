"""Vocabularies and identifier checks: every accepted spelling maps to one term, unknown
values are bilingual errors listing what is accepted, SIRENs pass Luhn, territory ids have
the shape level:code."""

from __future__ import annotations

import pytest

from territoria.catalog.identifiers import (
    InvalidMetadataError,
    check_email,
    check_siren,
    check_territory,
    luhn_ok,
)
from territoria.catalog.vocabularies import UnknownTermError, Vocabulary
from territoria.catalog.vocabularies.frequencies import FREQUENCIES
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.catalog.vocabularies.themes import EU_THEME, THEMES

SPELLINGS = [
    (LICENCES, "lov2", "etalab-2.0"),
    (LICENCES, "Licence Ouverte 2.0", "etalab-2.0"),
    (LICENCES, "https://www.etalab.gouv.fr/licence-ouverte-open-licence", "etalab-2.0"),
    (LICENCES, "ODbL", "odbl-1.0"),
    (LICENCES, "CC-BY-4.0", "cc-by-4.0"),
    (LICENCES, "cc_by_sa_4.0", "cc-by-sa-4.0"),
    (LICENCES, "CC0", "cc0-1.0"),
    (THEMES, "ENVI", "ENVI"),
    (THEMES, "environnement", "ENVI"),
    (THEMES, EU_THEME + "TRAN", "TRAN"),
    (THEMES, "Déchets", "dechets"),
    (THEMES, "sécurité", "securite"),
    (THEMES, "energie", "energie"),  # our vertical's id wins over the EU label "Énergie"
    (THEMES, "ENER", "ENER"),
    (FREQUENCIES, "annual", "ANNUAL"),
    (FREQUENCIES, "annuelle", "ANNUAL"),
    (FREQUENCIES, "Mensuel", "MONTHLY"),
    (FREQUENCIES, "quotidienne", "DAILY"),
    (FREQUENCIES, "irrégulière", "IRREG"),
    (FREQUENCIES, "temps réel", "CONT"),
]


@pytest.mark.parametrize(("vocabulary", "spelling", "term"), SPELLINGS)
def test_spellings_map_to_one_term(vocabulary: Vocabulary, spelling: str, term: str) -> None:
    assert vocabulary.resolve(spelling).id == term


@pytest.mark.parametrize("vocabulary", [LICENCES, THEMES, FREQUENCIES])
def test_terms_have_labels_uris_and_unique_spellings(vocabulary: Vocabulary) -> None:
    ids = [term.id for term in vocabulary.terms]
    assert len(ids) == len(set(ids))
    for term in vocabulary.terms:
        assert term.label_fr and term.label_en and term.uri
        assert vocabulary.resolve(term.uri) is term and vocabulary.resolve(term.id) is term
    with pytest.raises(UnknownTermError) as error:
        vocabulary.resolve("n'importe quoi")
    assert "inconnue" in error.value.message_fr and "Unknown" in error.value.message_en
    for term_id in ids:
        assert term_id in error.value.message_fr and term_id in error.value.message_en


def test_our_themes_narrow_an_eu_theme() -> None:
    eu = {term.uri for term in THEMES.terms if term.uri.startswith(EU_THEME)}
    assert len(eu) == 13
    for term in THEMES.terms:
        assert term.uri in eu or term.broader in eu


@pytest.mark.parametrize("siren", ["217500016", "200054781", "223100017", "356000000"])
def test_valid_sirens(siren: str) -> None:
    assert check_siren(siren) == siren
    assert check_siren(f"{siren[:3]} {siren[3:6]} {siren[6:]}") == siren


@pytest.mark.parametrize("siren", ["217500017", "21750001", "2175000160", "ABCDEFGHI", ""])
def test_invalid_sirens(siren: str) -> None:
    with pytest.raises(InvalidMetadataError) as error:
        check_siren(siren)
    assert "SIREN" in error.value.message_fr and "Luhn" in error.value.message_en


def test_luhn_against_a_hand_computed_checksum() -> None:
    # 21750001 followed by each digit: exactly one completes a Luhn-valid number
    assert [d for d in range(10) if luhn_ok(f"21750001{d}")] == [6]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("commune:75056", "commune:75056"),
        ("commune:2A004", "commune:2A004"),
        ("departement:2b", "departement:2B"),
        ("departement:974", "departement:974"),
        ("epci:200054781", "epci:200054781"),
        ("region:84", "region:84"),
        ("pays:fr", "pays:FR"),
        (" commune:75056@2025 ", "commune:75056@2025"),
    ],
)
def test_territory_ids(given: str, expected: str) -> None:
    assert check_territory(given) == expected


@pytest.mark.parametrize(
    "bad", ["75056", "Paris", "commune:7505", "ville:75056", "region:8", "departement:20", ""]
)
def test_bad_territory_ids(bad: str) -> None:
    with pytest.raises(InvalidMetadataError) as error:
        check_territory(bad)
    assert "commune:75056" in error.value.message_fr and "level:code" in error.value.message_en


def test_emails() -> None:
    assert check_email(" open-data@paris.fr ") == "open-data@paris.fr"
    for bad in ("open-data.paris.fr", "a@b", "a b@c.fr"):
        with pytest.raises(InvalidMetadataError):
            check_email(bad)
