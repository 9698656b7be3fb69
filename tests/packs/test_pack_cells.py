"""The transform's small parts on the quirks of the real files: French numbers, lenient
headers, periods, unpivot; valid and invalid values next to each other."""

from __future__ import annotations

import random

import pyarrow as pa
import pytest

from territoria.packs.cells import field_cells, typed_column
from territoria.packs.headers import header_key, missing_headers
from territoria.packs.manifest import FieldMap, Unpivot
from territoria.packs.numbers import EXAMPLES, NOT_NUMBERS, NotANumber, parse_number
from territoria.packs.periods import year_of
from territoria.packs.raw import RawTable
from territoria.packs.unpivot import unpivot


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_french_numbers(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers_are_refused(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text)


def test_headers_match_across_case_accents_dots_spaces() -> None:
    assert header_key("Code.département") == header_key("code_departement") == "code departement"
    assert header_key("\ufeffclasse") == "classe"
    assert header_key("Consommation Tertiaire  (MWh)") == header_key("Consommation Tertiaire (MWh)")
    labels = ["CAPACITÉ D'ACCUEIL (PERSONNES)", "unité.de.compte"]
    assert missing_headers(["Capacite d accueil personnes", "unite de compte", "x"], labels) == [
        "x"
    ]


@pytest.mark.parametrize(
    ("text", "form", "year"),
    [
        ("16", "yy", "2016"),
        ("7", "yy", "2007"),
        ("2016", "yy", "2016"),
        ("2016.0", "yyyy", "2016"),
        ("2018-12-22T12:00:00+01:00", "date", "2018"),
        ("19/06/2023", "dmy", "2023"),
        ("2023-06-19", "dmy", None),
        ("abc", "yyyy", None),
        (None, "yy", None),
    ],
)
def test_years(text: str | None, form: str, year: str | None) -> None:
    assert year_of(text, form) == year


def test_unpivot_every_column_but_the_kept_ones() -> None:
    raw = RawTable.of_lists(
        ["Faits", "1", "2A"], [["Vols", "Meurtres"], ["3", "0"], ["1 146", "2"]], [2, 3], "f.csv"
    )
    columns, rows, origins = unpivot(
        raw, Unpivot(key="departement", value="nombre", keep=["Faits"])
    )
    assert columns["faits"].to_pylist() == ["Vols", "Vols", "Meurtres", "Meurtres"]
    assert columns["departement"].to_pylist() == ["1", "2A", "1", "2A"]
    assert columns["nombre"].to_pylist() == ["3", "1 146", "0", "2"]
    assert rows.to_pylist() == [2, 2, 3, 3]
    assert origins.to_pylist() == ["1", "2A", "1", "2A"]


def _one_by_one(cells: list[str | None], kind: str) -> tuple[list[object], list[tuple[int, str]]]:
    """Each cell read on its own with :func:`parse_number`, as a tidy column of ``kind``."""
    values: list[object] = []
    bad: list[tuple[int, str]] = []
    for position, cell in enumerate(cells):
        try:
            number = parse_number(cell)
        except NotANumber:
            values.append(None)
            bad.append((position, cell or ""))
            continue
        if number is not None and kind == "integer" and not number.is_integer():
            bad.append((position, cell or ""))
            number = None
        values.append(int(number) if number is not None and kind == "integer" else number)
    return values, bad


TRICKY = [
    *(text for text, _ in EXAMPLES),
    *NOT_NUMBERS,
    *("1.", ".5", "+1", "-0", "00012", "12.5", "1e400", "-1e400", "1E-400", "1e3", "7.0"),
    *("2017190.6400000001", "123456789012345678901234567890", "1-2", "--1", "1e", "e1", None),
]


@pytest.mark.parametrize("kind", ["number", "integer"])
def test_typed_column_reads_as_parse_number_one_cell_at_a_time(kind: str) -> None:
    draw = random.Random(kind)
    fuzz = ["".join(draw.choices("0123456789.,-+e ", k=draw.randint(1, 9))) for _ in range(3000)]
    plain = [f"{draw.uniform(-1e6, 1e6):.{draw.randint(0, 4)}f}" for _ in range(3000)]
    cells = [c for c in TRICKY + fuzz + plain if kind == "number" or _small(c)]
    values, bad = typed_column(pa.array(cells, pa.string()), kind)
    assert (values.to_pylist(), bad) == _one_by_one(cells, kind)
    assert values.type == (pa.int64() if kind == "integer" else pa.float64())


def _small(cell: str | None) -> bool:
    """Not a whole number too large for an int64 (refused alike, by an error, both ways)."""
    try:
        number = parse_number(cell)
    except NotANumber:
        return True
    return number is None or abs(number) < 2.0**63


SPACES = [" ", "\t", "\n", "\v", "\x1c", "\x85", "\u00a0", "\u2007", "\u202f", "\u3000", ""]
EDGES = ["a", "1", "É", "-", "'", "€", "\u200b"]


def test_field_cells_strip_as_python_does() -> None:
    draw = random.Random(3)
    cells: list[str | None] = [None, "", " ", "1 146", "Électricité", "RTE", "x"]
    for _ in range(4000):
        core = "".join(draw.choices(EDGES + SPACES, k=draw.randint(0, 4)))
        cells.append(draw.choice(SPACES) + core + draw.choice(SPACES))
    spec = FieldMap(column="c")
    got = field_cells(spec, pa.array(cells, pa.string()), len(cells)).to_pylist()
    assert got == [None if c is None else (c.strip() or None) for c in cells]
    recoded = FieldMap(column="c", values={"RTE": "Réseau de transport"}, split=" ", part=0)
    expected = [None if c is None else (c.strip().split(" ")[0].strip() or None) for c in cells]
    expected = [recoded.values.get(c, c) if c else c for c in expected]
    assert field_cells(recoded, pa.array(cells, pa.string()), len(cells)).to_pylist() == expected
