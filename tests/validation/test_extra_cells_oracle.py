"""Cells beyond the header are extra cells, empty or not, in every reading, as frictionless says.

frictionless reports an ``extra-cell`` for each cell of a row past the header's cells, an
empty one included (``1;2;3;`` under ``a;b;c``). DuckDB's strict scan drops such empty cells
silently, so the byte scan finds those rows and hands the file to a reading that sees them.
The one difference we keep: a header ending with a separator (a spreadsheet export's
trailing empty column) loses its empty labels, with their empty cells, where frictionless
reports an ``extra-label`` and a ``missing-cell`` on each row that lacks the empty cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from oracle import Triple, frictionless_placed

from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.csvfailure import ReadMode
from territoria.ingest.readers.csvshape import CHUNK, scan_lines
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions
from territoria.schemas import load_schema
from territoria.validation import Report, validate

SCHEMA: dict[str, Any] = {"fields": [{"name": n, "type": "integer"} for n in ("a", "b", "c")]}
READINGS: tuple[ReadMode, ...] = ("fast", "relaxed", "python")

CASES: dict[str, tuple[str, bytes]] = {
    "one-extra-empty": (";", b"a;b;c\n1;2;3\n1;2;3;\n1;2;x\n"),
    "two-extra-empty": (";", b"a;b;c\n1;2;3\n1;2;3;;\n1;2;3\n"),
    "extra-quoted-empty": (";", b'a;b;c\n"1";"2";"3";""\n"1";"2";"3"\n'),
    "extra-non-empty": (";", b"a;b;c\n1;2;3;x\n1;2;3;;x\n1;2;3;x;\n1;2;3; \n"),
    "every-row-extra": (";", b"a;b;c\n1;2;3;\n1;2;3;\n"),
    "short-and-extra": (";", b"a;b;c\n1;2\n1;2;3;\n"),
    "crlf-extra": (";", b"a;b;c\r\n1;2;3\r\n1;2;3;\r\n1;2;3\r\n"),
    "no-final-newline": (";", b"a;b;c\n1;2;3\n1;2;3;"),
    "quoted-separators": (";", b'a;b;c\n"x;y";2;3\n"a\n;b";2;3;\n1;"2;";3\n'),
    "blank-row-with-extra": (";", b"a;b;c\n1;2;3\n;;;\n"),
    "comma": (",", b"a,b,c\n1,2,3\n4,5,6,\n"),
    "last-cell-empty": (";", b"a;b;c\n1;2;\n1;;\n"),
    "header-ends-with-separator": (";", b"a;b;c;\n1;2;3;\n1;2;3;\n"),
    "header-ends-with-separator-one-more": (";", b"a;b;c;\n1;2;3;\n1;2;3;;\n1;2;3\n"),
    "header-ends-with-separator-rows-not": (";", b"a;b;c;\n1;2;3\n1;2;3\n"),
}


def _ours(path: Path, scratch: Path, mode: ReadMode) -> tuple[Report, str]:
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits(), mode=mode)
    try:
        report = validate(table, load_schema(SCHEMA), limit_errors=10_000)
        return report, str(table.detection.extra["reader"])
    finally:
        table.close()


def _expected(path: Path, delimiter: str, labels: int) -> list[Triple]:
    """frictionless' triples, less those about the header's trailing empty labels, which
    Territoria drops (every label from ``labels + 1`` on is one of them)."""
    return [
        triple
        for triple, number in frictionless_placed(path, SCHEMA, delimiter)
        if not (triple[0] in ("extra-label", "missing-cell") and (number or 0) > labels)
    ]


@pytest.mark.parametrize("mode", READINGS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_extra_cells_equal_frictionless(
    name: str, mode: ReadMode, tmp_path: Path, scratch: Path
) -> None:
    delimiter, data = CASES[name]
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    report, _ = _ours(path, scratch, mode)
    assert report.triples() == _expected(path, delimiter, len(report.labels))


def test_the_cases_do_report_extra_cells(tmp_path: Path, scratch: Path) -> None:
    """The numbers themselves on two files, not only agreement: one per empty extra cell."""
    path = tmp_path / "two.csv"
    path.write_bytes(CASES["two-extra-empty"][1])
    assert _ours(path, scratch, "fast")[0].triples() == [("extra-cell", 3, None)] * 2
    path.write_bytes(CASES["header-ends-with-separator-one-more"][1])
    report, _ = _ours(path, scratch, "fast")
    assert (report.labels, report.triples()) == (["a", "b", "c"], [("extra-cell", 3, None)])


def test_an_empty_last_cell_keeps_the_strict_scan(tmp_path: Path, scratch: Path) -> None:
    """Rows ending with a separator as wide as the header stay on the fastest reading; one
    row wider goes to the relaxed scan, which counts empty cells past the header."""
    path = tmp_path / "last.csv"
    path.write_bytes(CASES["last-cell-empty"][1])
    assert _ours(path, scratch, "fast")[1] == "duckdb"
    path.write_bytes(CASES["one-extra-empty"][1])
    assert _ours(path, scratch, "fast")[1] == "duckdb-relaxed"
    path.write_bytes(CASES["header-ends-with-separator"][1])
    assert _ours(path, scratch, "fast")[1] == "duckdb"


def _wide_by_python(data: bytes, cells: int) -> bool:
    records = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";")
    return any(len(record) > cells for number, record in enumerate(records) if number)


@pytest.mark.parametrize("shift", [-7, -4, -3, -2, -1, 0, 1, 2, 5])
@pytest.mark.parametrize(
    "row", [b"1;2;3;\n", b"1;2;3;\r\n", b'"1";"2";"3";""\n', b"1;2;;\n", b'1;"2\n;";;\n']
)
def test_uneven_rows_found_across_windows(row: bytes, shift: int, tmp_path: Path) -> None:
    """A candidate row straddling the 1 MiB windows of the byte scan, at every offset that
    cuts its separators, quotes or line end: found exactly when Python's csv module sees
    more cells than the header (``1;2;;`` is as wide as it)."""
    head = b"a;b;c\n"
    filler = b"12345;Paris;67890\n"
    count = (CHUNK - len(head)) // len(filler) - 2
    body = head + filler * count
    pad = CHUNK - len(body) - 5 + shift - len(row) // 2  # the row starts near CHUNK
    body += b"9;" + b"x" * pad + b";9\n" + row + filler * 3
    path = tmp_path / "wide.csv"
    path.write_bytes(body)
    found = scan_lines(path, 1 << 24, delimiter=b";", header=(1, 3)).uneven_rows
    assert found == _wide_by_python(body, 3)
