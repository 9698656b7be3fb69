"""The CSV fast path (DuckDB's parallel scan numbered by file order) and its exact fallback.

The fast path judges UTF-8 on slices of the file and trusts DuckDB to refuse anything else;
these tests build files where that bet loses, and check the reading that takes over is exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from territoria.config import Settings
from territoria.errors import UnreadableFileError
from territoria.ingest.open import open_table
from territoria.ingest.readers.csv import EXTRA_SEEN, read_csv
from territoria.ingest.readers.csvshape import MAX_SKIPPED, scan_lines
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions, SourceTable
from territoria.schemas.loader import load_schema
from territoria.validation import validate


def scan_rows(table: SourceTable) -> list[tuple[Any, ...]]:
    """The numbered relation's rows: number, cells."""
    con = duckdb.connect()
    try:
        return [(row[0], *row[3:]) for row in table.relation(con).order("__row").fetchall()]
    finally:
        con.close()


SCHEMA = {
    "fields": [
        {"name": "code", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "ville", "type": "string", "constraints": {"required": True}},
    ]
}


def _rows(count: int, *, bad_every: int = 0, town: str = "Paris") -> list[str]:
    rows = []
    for number in range(count):
        code = "x" if bad_every and number % bad_every == bad_every - 1 else str(number)
        rows.append(f"{code};{town}\n")
    return rows


def test_row_numbers_follow_the_file_across_many_scan_batches(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """300,000 rows span many DuckDB batches on two threads: numbers must still be the
    file's (header = 1), taken from the order the scan wrote its flags in."""
    path = tmp_path / "grand.csv"
    path.write_text("code;ville\n" + "".join(_rows(300_000, bad_every=7_919)), encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.ordered is not None
    report = validate(table, load_schema(SCHEMA), limit_errors=100)
    expected = [n + 2 for n in range(300_000) if n % 7_919 == 7_918]
    assert report.rows == 300_000
    assert report.error_count == len(expected)
    assert [e.row_number for e in report.errors] == expected
    assert {e.cell for e in report.errors} == {"x"}
    assert table.detection.extra["reader"] == "duckdb"
    table.close()


def test_a_windows_1252_byte_between_the_sampled_slices_falls_back_to_the_exact_reading(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """Every sampled slice is plain ASCII, so the file looks UTF-8; DuckDB then meets a
    Windows-1252 'è' and refuses: the table must become the exact reading, in Windows-1252."""
    head = "code;ville\n" + "".join(_rows(10_000))
    middle = "10000;Sète\n"
    tail = "".join(_rows(200_000))
    path = tmp_path / "cp1252.csv"
    path.write_bytes((head + middle + tail).encode("cp1252"))
    size = path.stat().st_size
    where = len(head.encode())
    assert 64 * 1024 < where < size // 8  # between the first two sampled slices
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.detection.encoding == "utf-8"  # the sampled guess
    report = validate(table, load_schema(SCHEMA))
    assert report.valid
    assert report.rows == 210_001
    assert table.detection.encoding == "cp1252"
    assert "fastReadRefused" in table.detection.extra
    assert table.detection.extra["reader"] == "duckdb"  # transcoded, then scanned again
    assert (10_002, "10000", "Sète") in scan_rows(table)
    table.close()


def test_an_empty_line_inside_the_data_keeps_frictionless_numbering(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """DuckDB skips empty lines silently, which would shift every later number: the fast
    scan numbers rows past them, and each is a blank row, as the exact reader says."""
    path = tmp_path / "trou.csv"
    path.write_text("code;ville\n1;Paris\n\n2;Lyon\nx;Nice\n\n\n-1;Albi\n", encoding="utf-8")
    expected = [
        ("blank-row", 3, None),
        ("type-error", 5, "code"),
        ("blank-row", 6, None),
        ("blank-row", 7, None),
        ("constraint-error", 8, "code"),
    ]
    fast = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    exact = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits, mode="python")
    assert fast.detection.extra["reader"] == "duckdb"
    assert exact.detection.extra["reader"] == "python"
    for table in (fast, exact):
        report = validate(table, load_schema(SCHEMA))
        assert report.triples() == expected
        assert (report.rows, report.invalid_rows) == (7, 5)
    numbered = scan_rows(fast)
    assert [row[0] for row in numbered] == [2, 4, 5, 8]
    assert numbered == [row for row in scan_rows(exact) if row[1]]  # blank rows have no cell
    fast.close()
    exact.close()


def test_too_many_empty_lines_go_to_the_exact_reader(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    path = tmp_path / "aere.csv"
    path.write_text("code;ville\n" + "1;Paris\n\n" * (MAX_SKIPPED + 1), encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.detection.extra["reader"] == "python"
    blank = validate(table, load_schema(SCHEMA)).errors_by_type
    assert blank == {"blank-row": MAX_SKIPPED + 1}  # the trailing one too, as frictionless
    table.close()


def test_a_short_row_found_mid_scan_goes_to_the_relaxed_scan(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """DuckDB's strict scan refuses a short row; the relaxed scan pads it with NULL (empty
    cells stay ''), so missing cells are told from empty ones, as the exact reader does."""
    path = tmp_path / "court.csv"
    path.write_text(
        "code;ville\n" + "".join(_rows(50_000)) + "7\n8;\n" + "".join(_rows(10)),
        encoding="utf-8",
    )
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.ordered is not None
    report = validate(table, load_schema(SCHEMA))
    expected = [
        ("constraint-error", 50_002, "ville"),  # required, as frictionless says
        ("missing-cell", 50_002, "ville"),
        ("constraint-error", 50_003, "ville"),
    ]
    assert report.triples() == expected
    assert table.detection.extra["reader"] == "duckdb-relaxed"
    exact = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits, mode="python")
    assert validate(exact, load_schema(SCHEMA)).triples() == expected
    assert scan_rows(table) == scan_rows(exact)
    table.close()
    exact.close()


def test_long_rows_keep_their_extra_cells_in_the_relaxed_scan(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """Cells beyond the header are kept, empty ones too (each is an extra cell for
    frictionless, as for the exact reader); a row as long as the relaxed scan can see goes
    to the exact reader."""
    ragged = "7\n8;;\n2;Lyon;x;\n3;Nice;;y\n4;A;b;c;d;e;f;g\n9;C;;;\n"
    path = tmp_path / "ragged.csv"
    path.write_text("code;ville\n" + "".join(_rows(50_000)) + ragged, encoding="utf-8")
    options = ReadOptions(delimiter=";")
    table = read_csv(path, options, scratch_dir=scratch, limits=limits)
    exact = read_csv(path, options, scratch_dir=scratch, limits=limits, mode="python")
    report = validate(table, load_schema(SCHEMA))
    assert table.detection.extra["reader"] == "duckdb-relaxed"
    assert report.triples() == validate(exact, load_schema(SCHEMA)).triples()
    assert report.errors_by_type == {"constraint-error": 2, "missing-cell": 1, "extra-cell": 14}
    assert scan_rows(table) == scan_rows(exact)
    table.close()
    exact.close()

    longest = tmp_path / "longest.csv"
    longest.write_text(
        "code;ville\n" + "".join(_rows(10)) + "1;A" + ";x" * EXTRA_SEEN + "\n6\n",
        encoding="utf-8",
    )
    table = read_csv(longest, options, scratch_dir=scratch, limits=limits)
    report = validate(table, load_schema(SCHEMA))
    assert table.detection.extra["reader"] == "python"
    assert report.errors_by_type["extra-cell"] == EXTRA_SEEN
    table.close()


def test_trailing_delimiter_rows_are_blank_rows_of_the_ordered_scan(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """Rows of bare delimiters at the end are rows, blank ones, as frictionless counts them."""
    path = tmp_path / "fin.csv"
    path.write_text("code;ville\n1;Paris\n-2;Lyon\n;\n;\n", encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    assert table.detection.extra["trailingEmptyRows"] == 2
    report = validate(table, load_schema(SCHEMA))
    assert report.rows == 4
    assert report.triples() == [
        ("constraint-error", 3, "code"),
        ("blank-row", 4, None),
        ("blank-row", 5, None),
    ]
    table.close()


def test_empty_cells_are_empty_text_not_null_in_the_errors(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """The ordered reading sees empty cells as NULL; the report must still show ''."""
    path = tmp_path / "vide.csv"
    path.write_text("code;ville\n1;\n2;Lyon\n", encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    report = validate(table, load_schema(SCHEMA))
    assert [(e.type, e.row_number, e.cell) for e in report.errors] == [("constraint-error", 2, "")]
    table.close()


def test_empty_text_stays_a_value_when_it_is_not_a_missing_value(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """With ``missingValues: ["NA"]`` an empty integer cell is a type error, not missing."""
    path = tmp_path / "na.csv"
    path.write_text("code;ville\n;Paris\nNA;Lyon\n", encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    schema = load_schema({**SCHEMA, "missingValues": ["NA"]})
    assert validate(table, schema).triples() == [("type-error", 2, "code")]
    table.close()


@pytest.mark.parametrize(
    ("data", "lines", "bare_cr", "empty"),
    [
        (b"a\nb\n\nc\n", 4, False, [3]),
        (b"a\r\nb\r\n\r\nc", 4, False, [3]),
        (b"a\rb\r", 1, True, []),
        (b"a\n\n", 2, False, [2]),
        (b"a", 1, False, []),
        (b"a\r\n", 1, False, []),
    ],
)
def test_line_scan(
    tmp_path: Path, data: bytes, lines: int, bare_cr: bool, empty: list[int]
) -> None:
    path = tmp_path / "lines.csv"
    path.write_bytes(data)
    facts = scan_lines(path, 1024)
    assert (facts.lines, facts.bare_cr, facts.empty_lines) == (lines, bare_cr, empty)


def test_line_scan_finds_empty_lines_across_window_edges(tmp_path: Path) -> None:
    """An empty line whose two newlines sit on both sides of a 1 MiB window edge."""
    first = b"x" * (1024 * 1024 - 1) + b"\n"
    path = tmp_path / "edge.csv"
    path.write_bytes(first + b"\nlast\n")
    facts = scan_lines(path, 4 * 1024 * 1024)
    assert (facts.lines, facts.empty_lines) == (3, [2])


def test_an_over_long_line_is_refused_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"a;b\n1;2\n" + b"x" * 5000 + b"\n3;4\n")
    settings = Settings(home=tmp_path / "home", max_line_bytes=1000)
    with pytest.raises(UnreadableFileError) as caught:
        open_table(path, ReadOptions(), settings)
    assert caught.value.to_dict()["details"]["line"] == 3


def test_quoted_cells_spanning_lines_stay_on_the_fast_path(
    tmp_path: Path, scratch: Path, limits: ReaderLimits
) -> None:
    """Rows are records, as frictionless counts them: a quoted cell spanning lines (an empty
    one among them) is one row, and a real empty line is still a blank row."""
    path = tmp_path / "objet.csv"
    path.write_text(
        'code;ville\n1;"Paris\nrive gauche"\n\n2;"Lyon\n\nPart-Dieu"\nx;Nice\n-1;"dit ""Albi"""\n',
        encoding="utf-8",
    )
    fast = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits)
    exact = read_csv(path, ReadOptions(), scratch_dir=scratch, limits=limits, mode="python")
    expected = [("blank-row", 3, None), ("type-error", 5, "code"), ("constraint-error", 6, "code")]
    for table in (fast, exact):
        report = validate(table, load_schema(SCHEMA))
        assert report.triples() == expected
        assert report.rows == 5
    assert fast.detection.extra["reader"] == "duckdb"
    assert scan_rows(fast) == [row for row in scan_rows(exact) if row[1]]
    assert scan_rows(fast)[1][2] == "Lyon\n\nPart-Dieu"
    fast.close()
    exact.close()


def test_a_literal_quote_left_open_counts_every_line(tmp_path: Path) -> None:
    path = tmp_path / "pouces.csv"
    path.write_bytes(b'objet;prix\n\xc3\xa9cran 5";10\nclavier;20\n')
    assert scan_lines(path, 1024).lines == 3
