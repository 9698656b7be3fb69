"""The transform works each distinct reference, number and period once, then maps the rows
through the results: on files grown from the real samples, full of repeated values, unknown
codes and unreadable cells, its tidy rows and its report equal those of the same file
transformed one raw row at a time (where every cell is, of necessity, worked on its own)."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from pack_homes import SAMPLES

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.cells import per_distinct
from territoria.packs.headers import header_index, header_key
from territoria.packs.periods import year_of
from territoria.packs.raw import RawTable
from territoria.packs.registry import role_for_slug
from territoria.packs.tidy_schema import PERIOD_FIELD
from territoria.packs.transform import TidyResult, select_mapping, transform
from territoria.services.pack_reading import read_raw

ROWS = 1500
SOURCES = [  # (sample, dataset, quirks: header → cells mixed into its column)
    (
        "dechets/tonnage-decheterie-par-type-dechet-par-dept.csv",
        "dechets-sinoe",
        {
            "C_DEPT": ["1", "2a", "99", "", " 01 ", "2C", "NA"],
            "TONNAGE_T": ["n.d.", "1 234,5", "abc", "", "-", "12,5", "1e400"],
            "ANNEE": ["2016.0", "20x1", "", "17"],
        },
    ),
    (
        "energie/conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv",
        "energie-consommation",
        {
            "Code Département": ["1", "NA", "99", "", "2B", "974"],
            "Consommation Agriculture (MWh)": ["abc", "1 146", "2017190.6400000001", ""],
            "Nombre de points Tertiaire": ["12.5", "3.0", "x", "-"],
            "Année": ["2019.0", "19", "année"],
        },
    ),
    (
        "tourisme/hebergements-classes-atout-france.csv",
        "tourisme-hebergements",
        {
            "CODE POSTAL": ["75001", "7500", "99999", "", "1000", "13001"],
            "COMMUNE": ["PARIS 1ER ARRONDISSEMENT", "Marseille", "NULLEPART", "", "LYON 3ÈME"],
            "CAPACITÉ D'ACCUEIL (PERSONNES)": ["abc", "1 200", "-", "12,5"],
            "DATE DE CLASSEMENT": ["31/12/2031", "2023-01-01", ""],
        },
    ),
    (
        "eau/fontaines-a-boire-paris-2021.csv",
        "eau-fontaines",
        {"Commune": ["PARIS 18EME ARRONDISSEMENT", "LYON 2EME", "NULLEPART", "", "Paris 01"]},
    ),
    (
        "securite/etat4001-faits2010-par-departement.csv",
        "securite-etat4001",
        {"1": ["abc", "1 146", ""], "2A": ["-", "x", "3,5"], "99": ["0", "1"]},  # 99: unknown
    ),
]


def grown(sample: Path, quirks: dict[str, list[str]], target: Path, settings: Settings) -> RawTable:
    """A file of :data:`ROWS` rows drawn from ``sample`` (so every value repeats), one cell in
    ten of each quirky column replaced by one of its quirks (a quirky column the sample lacks
    is added, all of quirks); read back as any ingest reads."""
    raw = read_raw(sample, ReadOptions(), settings)
    columns = [column.to_pylist() for column in raw.columns]
    draw = random.Random(sample.name)
    index = header_index(raw.labels)
    added = [label for label in quirks if header_key(label) not in index]
    labels = [*raw.labels, *added]
    at = {label: header_index(labels)[header_key(label)] for label in quirks}
    with target.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(labels)
        for _ in range(ROWS):
            drawn = draw.randrange(raw.size)
            row = [column[drawn] or "" for column in columns] + [""] * len(added)
            for label, cells in quirks.items():
                if label in added or draw.random() < 0.1:
                    row[at[label]] = draw.choice(cells)
            out.writerow(row)
    return read_raw(target, ReadOptions(), settings, filename=sample.name)


def row_by_row(role_slug: str, raw: RawTable) -> tuple[pa.Table, dict[str, Any]]:
    """The tidy rows and the report of ``raw`` transformed one raw row at a time (a register
    dated by its latest date gets a readable one on each row: one row alone may have none)."""
    role = role_for_slug(role_slug)
    assert role is not None
    latest = select_mapping(role, raw.labels).period.latest
    dated = header_index(raw.labels)[header_key(latest)] if latest else None
    date = pa.array(["01/01/2000"])
    parts = []
    for i in range(raw.size):
        cells = [date if j == dated else c.slice(i, 1) for j, c in enumerate(raw.columns)]
        parts.append(
            transform(role, RawTable(raw.labels, cells, raw.rows.slice(i, 1), raw.filename))
        )
    statuses: dict[str, int] = {}
    for part in parts:
        for status, count in part.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    merged = TidyResult(
        pa.concat_tables([p.table for p in parts]),
        parts[0].mapping,
        raw.size,
        [u for p in parts for u in p.unresolved],
        statuses,
        [c for p in parts for c in p.bad_cells],
    )
    return merged.table, merged.report()


def _bad_cell_order(role_slug: str, raw: RawTable) -> dict[tuple[str, str], int]:
    """The report lists the period's bad cells, then each field's in schema order."""
    role = role_for_slug(role_slug)
    assert role is not None
    mapping = select_mapping(role, raw.labels)
    rank = {(mapping.period.column or mapping.period.latest or "", "period"): 0}
    for position, item in enumerate(role.tidy_schema["fields"], start=1):
        spec = mapping.fields.get(item["name"])
        if spec is not None:
            rank[(spec.column or item["name"], "number")] = position
    return rank


@pytest.mark.parametrize(("sample", "slug", "quirks"), SOURCES, ids=[s[1] for s in SOURCES])
def test_distinct_work_equals_row_by_row(
    tmp_path: Path, sample: str, slug: str, quirks: dict[str, list[str]]
) -> None:
    settings = Settings(home=tmp_path / "home")
    raw = grown(SAMPLES / sample, quirks, tmp_path / Path(sample).name, settings)
    role = role_for_slug(slug)
    assert role is not None
    whole = transform(role, raw)
    table, report = row_by_row(slug, raw)
    expected_periods = table.column(PERIOD_FIELD).to_pylist()
    mapping = select_mapping(role, raw.labels)
    if mapping.period.latest:  # one date for the whole register: the latest of its rows
        at = header_index(raw.labels)[header_key(mapping.period.latest)]
        dates = raw.columns[at].to_pylist()
        latest = max(y for y in (year_of(d, mapping.period.format) for d in dates) if y)
        expected_periods = [latest] * table.num_rows
    assert whole.table.column(PERIOD_FIELD).to_pylist() == expected_periods
    others = [n for n in table.column_names if n != PERIOD_FIELD]
    assert whole.table.select(others).equals(table.select(others))
    assert whole.table.schema == table.schema
    got = whole.report()
    rank = _bad_cell_order(slug, raw)
    report["badCells"].sort(key=lambda c: rank[(c["fieldName"], c["type"])])
    if mapping.period.latest:  # no cell-level period report for a register's latest date
        report["badCells"] = [c for c in report["badCells"] if c["type"] != "period"]
    assert got == report
    assert list(got["territoryStatuses"]) == list(report["territoryStatuses"])
    assert got["unresolved"], "the grown file has unknown references"
    assert slug == "eau-fontaines" or got["badCells"], "and unreadable cells"


def test_per_distinct_works_each_cell_once() -> None:
    seen: list[str | None] = []

    def work(cell: str | None) -> str:
        seen.append(cell)
        return f"<{cell}>"

    cells = ["01", None, "01", "2A", None, "01"]
    assert per_distinct(pa.array(cells, pa.string()), work).to_pylist() == [f"<{c}>" for c in cells]
    assert seen == ["01", None, "2A"]  # each once, in the order of first rows


@pytest.mark.parametrize(("sample", "slug", "quirks"), SOURCES[:2], ids=[s[1] for s in SOURCES[:2]])
def test_header_only_file_gives_no_rows(
    tmp_path: Path, sample: str, slug: str, quirks: dict[str, list[str]]
) -> None:
    settings = Settings(home=tmp_path / "home")
    labels = read_raw(SAMPLES / sample, ReadOptions(), settings).labels
    role = role_for_slug(slug)
    assert role is not None
    empty = transform(role, RawTable.of_lists(labels, [[] for _ in labels], [], "x.csv"))
    assert empty.table.num_rows == 0
    assert (
        empty.table.schema
        == transform(role, read_raw(SAMPLES / sample, ReadOptions(), settings)).table.schema
    )
    assert empty.report()["unresolved"] == empty.report()["badCells"] == []
