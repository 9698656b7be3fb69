"""A raw publication read for a pack: every cell as text in file order, each row with its
physical row number, as the standard library's csv module reads the same real files."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest
from pack_homes import SAMPLES

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.pack_reading import _in_file_order, read_raw

FILES = [  # (sample, delimiter, encoding)
    ("dechets/tonnage-decheterie-par-type-dechet-par-dept.csv", ",", "utf-8-sig"),
    ("energie/conso-elec-gaz-annuelle-par-secteur-dactivite-agregee-departement.csv", ";", "utf-8"),
    ("tourisme/hebergements-classes-atout-france.csv", ";", "utf-8"),
]


@pytest.mark.parametrize(("sample", "delimiter", "encoding"), FILES)
def test_cells_in_file_order_as_csv_reads_them(
    tmp_path: Path, sample: str, delimiter: str, encoding: str
) -> None:
    raw = read_raw(SAMPLES / sample, ReadOptions(), Settings(home=tmp_path))
    with (SAMPLES / sample).open(encoding=encoding, newline="") as handle:
        header, *records = list(csv.reader(handle, delimiter=delimiter))
    assert raw.labels == header
    assert raw.rows.to_pylist() == list(range(2, len(records) + 2))
    assert all(column.type == pa.string() for column in raw.columns)
    by_row = list(zip(*(column.to_pylist() for column in raw.columns), strict=True))
    assert by_row == [tuple(record) for record in records]


def test_rows_out_of_order_are_sorted_with_their_cells() -> None:
    rows = pa.array([4, 2, 3], pa.int64())
    cells = pa.array(["d", "b", "c"], pa.string())
    sorted_rows, sorted_cells = _in_file_order([rows, cells])
    assert sorted_rows.to_pylist() == [2, 3, 4] and sorted_cells.to_pylist() == ["b", "c", "d"]
    in_order = [pa.array([2, 3], pa.int64()), pa.array(["b", "c"])]
    assert _in_file_order(in_order) is in_order
