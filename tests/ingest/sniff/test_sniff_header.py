"""Header row detection under title rows, blank rows and other layouts found in the wild."""

from __future__ import annotations

import pytest

from territoria.ingest.sniff.header import detect_header_row

HEADER = ["bénéficiaire", "objet", "montant", "date"]
DATA = [
    ["Club de foot", "Fonctionnement", "1 234,56", "2019-03-01"],
    ["Harmonie", "Concert", "800,00", "2019-04-12"],
    ["Comité des fêtes", "Fête", "", "2019-06-21"],
]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([HEADER, *DATA], 0),
        ([["Subventions versées en 2019"], HEADER, *DATA], 1),
        ([["Subventions versées en 2019", "", "", ""], [], HEADER, *DATA], 2),
        ([[], [""], ["  ", ""], HEADER, *DATA], 3),
        ([["Source : Département de la Somme"], ["Mise à jour", "01/02/2020"], [], HEADER, *DATA],
         3),
        ([["", "2019", "2020", "2021"], ["Paris", "1", "2", "3"], ["Lyon", "4", "5", "6"]], 0),
        ([["Faits", *map(str, range(1, 20)), "2A", "2B"],
          ["Vols", *["0"] * 10, *["1"] * 11], ["Homicides", *["2"] * 21]], 0),
        ([[], []], 0),
        ([], 0),
        ([["nom"], ["Dupont"], ["Martin"]], 0),
        ([["Liste"], [], ["nom"], ["Dupont"]], 0),
    ],
    ids=["first", "title", "title-blank", "blanks", "metadata-rows", "pivot-corner",
         "numeric-labels", "all-blank", "nothing", "single-column", "single-column-title"],
)  # fmt: skip
def test_detect_header_row(rows: list[list[str]], expected: int) -> None:
    assert detect_header_row(rows) == expected


def test_sparse_data_rows_do_not_hide_a_full_header() -> None:
    """Data rows fill 3 of 10 columns; the header fills 10 and is still the header."""
    header = [f"colonne {n}" for n in range(10)]
    data = [[f"valeur {n}", "", "", "1", "", "", "", "x", "", ""] for n in range(20)]
    assert detect_header_row([["Titre du tableau"], [], header, *data]) == 2


def test_title_row_with_a_second_cell_over_a_wide_table() -> None:
    rows = [["Subventions 2019", "", "", "", "", "Mise à jour : 2020"], [*HEADER, "a", "b"]]
    rows += [[*row, "x", "y"] for row in DATA]
    assert detect_header_row(rows) == 1


@pytest.mark.parametrize(
    "header",
    [["", "commune", "population"], ["commune", "", "population"], ["", "a", "b", "c", "d"]],
    ids=["pandas-index", "middle", "wide-index"],
)
def test_a_header_with_one_unnamed_column_stays_the_header(header: list[str]) -> None:
    """pandas writes its index column unnamed: that header is not a title row."""
    width = len(header)
    data = [[str(n), *[f"v{n}{c}" for c in range(width - 2)], str(n * 100)] for n in range(5)]
    assert detect_header_row([header, *data]) == 0


def test_a_key_value_metadata_line_over_a_blank_one_is_not_the_header() -> None:
    rows = [["Mise à jour", "01/02/2020"], [], ["commune", "code", "population"]]
    rows += [["Albi", "81004", "49000"], ["Rodez", "12202", "24000"]]
    assert detect_header_row(rows) == 2
