"""Real XLSX files published by French local authorities, read with hand-checked expectations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spreadsheet import read_xlsx
from territoria.ingest.table import ReadOptions, SourceTable

Scan = Callable[[SourceTable], list[tuple[Any, ...]]]

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


@dataclass(frozen=True)
class Expected:
    path: str
    sheet: str
    sheets: list[str]
    header_row: int
    width: int
    rows: int
    labels: dict[int, str]  # label index → label
    cells: dict[tuple[int, int], str]  # (physical row, column index) → text


EXPECTED = [
    Expected(
        "subventions/dep-aube-conventions-subvention.xlsx",
        "Feuil1",
        ["Feuil1", "Feuil2", "Feuil3"],
        header_row=2,  # row 1 holds grouped titles spanning the columns
        width=14,
        rows=7,
        labels={
            0: "Nom de l’attributaire",
            7: "Montant  total de la subvention",
            12: "Aide d’Etat notifié à la Commission européenne",
            13: "Pourcentage du montant de la subvention attribuée au bénéficiaire",
        },
        cells={
            (3, 1): "22100005200011",
            (3, 2): "2017-11-16",
            (3, 7): "50\xa0000 euros",
            (3, 10): "28/11/2017\n08/12/2017",
            (3, 13): "1",
            (5, 10): "2017-11-15",
            (9, 7): "623\xa0000 euros",
        },
    ),
    Expected(
        "subventions/dep-charente-maritime-conventions-subventions.xlsx",
        "Subventions",
        ["Subventions"],
        header_row=1,
        width=14,
        rows=101,
        labels={0: "nomAttribuant", 7: "montant", 13: "pourcentageSubvention"},
        cells={
            (2, 0): "Département de la Charente-Maritime",
            (2, 2): "2016-01-22",
            (2, 5): "56182048100019",
            (2, 7): "164000",
            (2, 11): "",
            (102, 4): "L ESCALE CTRE HEBERGEMENT ET READAPTATION SOCIALE",
            (102, 7): "96676",
        },
    ),
    Expected(
        "subventions/dep-vendee-subventions-conventions.xlsx",
        "Rapport 1",
        ["Rapport 1"],
        header_row=1,
        width=14,
        rows=4,
        labels={0: "nomAttribuant", 11: "IdRAE"},
        cells={(2, 0): "Conseil Départemental de la Vendée", (2, 7): "292000", (5, 7): "1350000"},
    ),
    Expected(
        "marches-publics/marches-publics-2015.xlsx",
        "Problemes",
        ["Problemes", "Ajout_SIRET_geoloc"],
        header_row=1,
        width=10,
        rows=33,
        labels={0: "ACHETEURS_NOM", 6: "Remarques facultatives"},
        cells={
            (2, 0): "TECHNI'SPORTS ET ENVIRONNEMENT",
            (2, 3): "59230",
            (2, 4): "2021-04-15",
            (2, 5): "15 000- 89 999,99",
            (34, 0): "FLAMME ENVIRONNEMENT",
            (34, 5): "207000",
        },
    ),
    Expected(
        "marches-publics/marches-publics-2016.xlsx",
        "Problemes",
        ["Problemes", "Ajout_SIRET_geoloc"],
        header_row=1,
        width=10,
        rows=58,
        labels={2: "MARCHE_OBJET", 9: "Probleme_RADIATION_ou_DEMENAGEMENT"},
        cells={
            (2, 0): "COEXIA ENVELOPPE",
            (2, 2): "Réfection de toitures terrasses",
            (59, 0): "CHAMBRE D'AGRICULTURE NPDC",
        },
    ),
]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: Path(e.path).stem)
def test_real_workbook(expected: Expected, scratch: Path, limits: ReaderLimits, scan: Scan) -> None:
    table = read_xlsx(SAMPLES / expected.path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.detection.format == "xlsx"
    assert table.detection.sheet == expected.sheet
    assert table.detection.extra["sheets"] == expected.sheets
    assert table.detection.header_row == expected.header_row
    assert table.width == expected.width
    for index, label in expected.labels.items():
        assert table.labels[index] == label
    rows = scan(table)
    assert len(rows) == expected.rows
    numbers = [row[0] for row in rows]
    assert numbers == list(range(expected.header_row + 1, expected.header_row + 1 + expected.rows))
    by_number = {row[0]: row for row in rows}
    for (number, column), text in expected.cells.items():
        assert by_number[number][3 + column] == text
    assert {row[1] for row in rows} == {expected.width}
    assert {row[2] for row in rows} == {None}
    table.close()
    assert not list(scratch.iterdir())


@pytest.mark.parametrize("sheet", ["Ajout_SIRET_geoloc", "2"])
def test_sheet_chosen_by_name_or_number(
    sheet: str, scratch: Path, limits: ReaderLimits, scan: Scan
) -> None:
    path = SAMPLES / "marches-publics/marches-publics-2015.xlsx"
    table = read_xlsx(path, ReadOptions(sheet=sheet), scratch_dir=scratch, limits=limits)
    assert table.detection.sheet == "Ajout_SIRET_geoloc"
    assert table.detection.forced == ["sheet"]
    assert table.labels[:2] == ["MARCHE_ID", "ACHETEURS_ID"]
    first = scan(table)[0]
    assert first[:5] == (2, 11, None, "1", "75015321500017")
