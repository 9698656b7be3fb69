"""Delimiter and quote detection on the shapes that fool frequency-based sniffers."""

from __future__ import annotations

import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff.dialect import detect_dialect

TITLE_AND_DECIMAL_COMMAS = (
    "Subventions versées en 2019, par bénéficiaire\n"
    "\n"
    "bénéficiaire;montant;taux\n"
    "Club de foot;1 234,56;0,5\n"
    "Harmonie municipale;12 000,00;1,25\n"
    "Comité des fêtes;800,00;0,75\n"
)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (TITLE_AND_DECIMAL_COMMAS, (";", '"')),
        ('nom,adresse,code\n"Dupont; Jean","1; rue Haute",12\n"Martin; Luc","3; rue Basse",13\n',
         (",", '"')),
        ('nom;objet\n"A";"Sport, culture, loisirs"\n"B";"Social, citoyenneté, santé"\n',
         (";", '"')),
        ("nom\tville\tmontant\nDupont\tSaint-Denis, La Réunion\t1,5\nMartin\tParis\t2,5\n",
         ("\t", '"')),
        ("nom|ville|montant\nDupont|Saint-Denis; Réunion|1,5\nMartin|Paris, 1er|2,5\n",
         ("|", '"')),
        ("nom;ville\n'Dupont; Jean';'Paris'\n'Martin; Luc';'Lyon'\n", (";", "'")),
        ("l'eau;d'abord\nqu'il;l'été\nc'est;n'est\n", (";", '"')),
        ("Liste des communes\nSaint-Denis\nSaint-Paul\nLe Port\n", (",", '"')),
        ("", (",", '"')),
        ("a;b\n", (";", '"')),
    ],
    ids=["title-decimal-commas", "quoted-semicolons", "quoted-commas", "tab", "pipe",
         "single-quotes", "apostrophes", "single-column", "empty", "one-line"],
)  # fmt: skip
def test_detects(sample: str, expected: tuple[str, str]) -> None:
    assert detect_dialect(sample) == expected


def test_semicolon_file_of_decimal_commas_is_not_comma() -> None:
    """Every row holds exactly two commas, but only ``;`` splits the header too."""
    rows = "".join(f"commune {n};{n},5;{n},25\n" for n in range(40))
    assert detect_dialect("commune;population;densité\n" + rows)[0] == ";"


def test_forced_values_win() -> None:
    assert detect_dialect(TITLE_AND_DECIMAL_COMMAS, forced_delimiter=",") == (",", '"')
    assert detect_dialect("a\tb\n", forced_delimiter="tab") == ("\t", '"')
    assert detect_dialect("a;b\n", forced_quote="'") == (";", "'")


@pytest.mark.parametrize("forced", [{"forced_delimiter": ";;"}, {"forced_quote": ""}])
def test_invalid_forced_values_are_refused(forced: dict[str, str]) -> None:
    with pytest.raises(UnreadableFileError):
        detect_dialect("a;b\n", **forced)


def test_a_few_ragged_rows_of_many_widths_do_not_hide_the_delimiter() -> None:
    """Short and long rows of five more widths among a hundred regular ones: each rare
    width must not divide the delimiter's score as a real pattern would."""
    regular = "".join(f"{i};Paris\n" for i in range(100))
    ragged = "7\n8;;\n2;Lyon;x;\n3;Nice;;y\n4;A;b;c;d;e;f;g\n5;B;1;2;3\n9;C;;;\n"
    assert detect_dialect("code;ville\n" + regular + ragged) == (";", '"')
