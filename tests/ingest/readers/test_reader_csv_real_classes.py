"""Classes of real CSV files, each reproduced by a file the test writes, read with no option.

Each class either reads right (cells, row numbers, the detection recorded) or is refused
with a bilingual error naming the file and the line, quickly and in bounded memory; none
may end as an engine error or be read as data it is not.
"""

from __future__ import annotations

import codecs
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.csvquirks import MAX_COLUMNS
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions, SourceTable
from territoria.schemas.loader import load_schema
from territoria.validation import validate

SCHEMA = {"fields": [{"name": "code", "type": "integer"}, {"name": "ville", "type": "string"}]}


def read(path: Path, scratch: Path, **limits: Any) -> SourceTable:
    return read_csv(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits(**limits))


def rows_of(table: SourceTable) -> list[tuple[Any, ...]]:
    """(row number, cells…) of every row, validated first so any fallback has happened."""
    validate(table, load_schema({"fields": [{"name": n} for n in table.labels]}))
    con = duckdb.connect()
    try:
        found = table.relation(con).order("__row").fetchall()
    finally:
        con.close()
    return [(row[0], *row[3:]) for row in found]


def refusal(path: Path, scratch: Path, **limits: Any) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as caught:
        read(path, scratch, **limits).close()
    error = caught.value
    assert error.path == str(path)
    assert error.message_fr and error.message_en and error.hint_fr and error.hint_en
    return error


# --- encodings ---------------------------------------------------------------------------


ACCENTED = ["Sète", "Besançon", "L’Haÿ-les-Roses"]


@pytest.mark.parametrize("far", [False, True], ids=["accents-in-head", "accents-between-slices"])
def test_utf8_bom_before_a_windows_1252_body(tmp_path: Path, scratch: Path, far: bool) -> None:
    """Excel's BOM must not make the body UTF-8: read as Windows-1252, the mixture noted.

    ``far``: the accents sit between the slices the fast path judges UTF-8 on (about
    150 KB into a 2.5 MB file), so DuckDB meets them first and the exact reading takes over.
    """
    before = "".join(f"{n};Paris\r\n" for n in range(15_000)) if far else ""
    after = "".join(f"{n};Lyon\r\n" for n in range(230_000)) if far else ""
    towns = "".join(f"{n};{town}\r\n" for n, town in enumerate(ACCENTED))
    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + f"code;ville\r\n{before}{towns}{after}".encode("cp1252"))
    table = read(path, scratch)
    rows = rows_of(table)
    assert table.labels == ["code", "ville"]
    start = len(before.splitlines())
    assert [row[2] for row in rows[start : start + 3]] == ACCENTED
    assert rows[start][0] == start + 2
    detection = table.detection.to_dict()
    assert (detection["encoding"], detection["bom"]) == ("cp1252", True)
    assert detection["mixedEncoding"] == {"bom": "utf-8", "body": "cp1252"}
    assert ("fastReadRefused" in detection) is far
    table.close()


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
    ids=["le-bom", "be-bom", "le", "be"],
)
def test_utf16_with_and_without_bom(tmp_path: Path, scratch: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(bom + "code;ville\r\n1;Sète\r\n2;Œuvre\r\n".encode(codec))
    table = read(path, scratch)
    assert table.labels == ["code", "ville"]
    assert rows_of(table) == [(2, "1", "Sète"), (3, "2", "Œuvre")]
    assert table.detection.bom is bool(bom)
    table.close()


def test_bom_only_is_an_empty_file(tmp_path: Path, scratch: Path) -> None:
    from territoria.ingest.guards import check_file

    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8)
    with pytest.raises(UnreadableFileError, match="vide"):
        check_file(path)


# --- line ends and marks -----------------------------------------------------------------


def test_lone_cr_line_ends_of_old_mac_exports(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"code;ville\r1;Paris\r2;Lyon\r")
    table = read(path, scratch)
    assert table.labels == ["code", "ville"]
    assert rows_of(table) == [(2, "1", "Paris"), (3, "2", "Lyon")]
    assert table.detection.extra["lineEnding"] == "cr"
    table.close()


def test_ctrl_z_at_the_end_is_no_row(tmp_path: Path, scratch: Path) -> None:
    """MS-DOS tools end text with 0x1A: not a row (frictionless reads it as one)."""
    path = tmp_path / "dos.csv"
    path.write_bytes(b"code;ville\r\n1;Paris\r\n2;Lyon\r\n\x1a")
    table = read(path, scratch)
    report = validate(table, load_schema(SCHEMA))
    assert (report.rows, report.error_count) == (2, 0)
    assert table.detection.extra["endOfFileMark"] is True
    table.close()


def test_header_only(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "entete.csv"
    path.write_bytes(b"code;ville\n")
    table = read(path, scratch)
    report = validate(table, load_schema(SCHEMA))
    assert (table.labels, report.rows, report.valid) == (["code", "ville"], 0, True)
    table.close()


# --- quotes -----------------------------------------------------------------------------


def test_quote_opened_and_never_closed_is_refused_at_its_line(
    tmp_path: Path, scratch: Path
) -> None:
    """Python's csv module would read the rest of the file as one cell: refused instead."""
    path = tmp_path / "guillemet.csv"
    path.write_bytes(b'code;ville\n1;Paris\n2;"Lyon\n3;Nice\n4;Metz\n')
    error = refusal(path, scratch)
    assert error.line == 3
    assert "guillemet" in error.message_fr and "quote" in error.message_en


def test_a_refusal_names_the_users_file_not_its_utf8_copy(tmp_path: Path, scratch: Path) -> None:
    """A Windows-1252 file is scanned through a UTF-8 copy: the error must name the original."""
    path = tmp_path / "latin.csv"
    path.write_bytes('code;ville\n1;Sète\n2;"Besançon\n'.encode("cp1252"))
    error = refusal(path, scratch)
    assert error.line == 3 and str(path) in str(error)


def test_a_literal_quote_inside_a_cell_is_still_read(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "pouces.csv"
    path.write_bytes(b'code;ville\n1;ecran 5" large\n2;Lyon\n')
    table = read(path, scratch)
    assert rows_of(table) == [(2, "1", 'ecran 5" large'), (3, "2", "Lyon")]
    table.close()


# --- sizes ------------------------------------------------------------------------------


def test_a_cell_longer_than_the_csv_module_default_limit(tmp_path: Path, scratch: Path) -> None:
    """131,072 characters is Python's csv default; a file read by it (lone CRs here) must
    hold longer cells, up to the line limit."""
    long = "x" * 200_000
    path = tmp_path / "long.csv"
    path.write_bytes(f"code;ville\r1;{long}\r2;Lyon\r".encode())
    table = read(path, scratch)
    assert table.detection.extra["reader"] == "python"
    assert rows_of(table) == [(2, "1", long), (3, "2", "Lyon")]
    table.close()


def test_a_quoted_cell_of_5_mb(tmp_path: Path, scratch: Path) -> None:
    """Past DuckDB's default line size (2 MB), under ours (16 MiB): read, on DuckDB."""
    big = "é" * (5 * 1024 * 1024 // 2)
    path = tmp_path / "gros.csv"
    path.write_bytes(f'code;ville\n1;"{big}"\n2;Lyon\n'.encode())
    table = read(path, scratch)
    rows = rows_of(table)
    assert [len(str(row[2])) for row in rows] == [len(big), 4]
    assert table.detection.extra["reader"] == "duckdb"
    table.close()


def test_a_50_mb_single_line_is_refused_before_sniffing(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "ligne.csv"
    path.write_bytes(b"a;" * (25 * 1024 * 1024))
    started = time.perf_counter()
    error = refusal(path, scratch)
    assert time.perf_counter() - started < 1.0
    assert error.line == 1


def test_a_long_second_line_is_refused_with_its_number(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "ligne2.csv"
    path.write_bytes(b"a;b\n" + b"x;" * (1024 * 1024) + b"\n")
    error = refusal(path, scratch, max_line_bytes=1024 * 1024)
    assert error.line == 2


def test_a_table_too_wide_to_check_is_refused_at_once(tmp_path: Path, scratch: Path) -> None:
    width = 20_000
    path = tmp_path / "large.csv"
    header = ";".join(f"v{i}" for i in range(width))
    path.write_text(header + "\n" + ";".join("1" for _ in range(width)) + "\n", encoding="utf-8")
    started = time.perf_counter()
    error = refusal(path, scratch)
    assert time.perf_counter() - started < 5.0
    assert error.line == 1 and str(width) in error.message_en


def test_a_table_as_wide_as_the_limit_validates(tmp_path: Path, scratch: Path) -> None:
    """The limit is one the checks can stand: every column typed, one bad cell found."""
    names = [f"v{i}" for i in range(MAX_COLUMNS)]
    path = tmp_path / "limite.csv"
    rows = [";".join(names)] + [";".join(str(r + i) for i in range(MAX_COLUMNS)) for r in range(5)]
    rows[3] = rows[3].replace(";7;", ";sept;", 1)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = read(path, scratch)
    schema = load_schema({"fields": [{"name": n, "type": "integer"} for n in names]})
    report = validate(table, schema)
    assert report.rows == 5
    assert report.triples() == [("type-error", 4, "v5")]
    table.close()


# --- binary content ---------------------------------------------------------------------


def test_a_nul_byte_past_the_guarded_head_is_refused(tmp_path: Path, scratch: Path) -> None:
    """The guards look at 64 KiB; a NUL further on is binary content, never data."""
    head = "code;ville\n" + "".join(f"{n};Paris\n" for n in range(20_000))
    path = tmp_path / "nul.csv"
    path.write_bytes(head.encode() + b"20000;Ly\x00on\n")
    error = refusal(path, scratch)
    assert error.line == 20_002
    assert "binaire" in error.message_fr and "binary" in error.message_en


def test_a_wide_table_past_the_memory_limit_is_refused_not_a_crash(
    tmp_path: Path, scratch: Path
) -> None:
    """Wide and invalid nearly everywhere, past the engine's memory limit: a user error
    saying which setting to raise, never the engine's out-of-memory error."""
    from territoria.engine.connection import connect

    names = [f"v{i}" for i in range(MAX_COLUMNS)]
    path = tmp_path / "lourd.csv"
    rows = [";".join(names)] + [";".join("x" for _ in names) for _ in range(2_000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = read(path, scratch)
    schema = load_schema({"fields": [{"name": n, "type": "integer"} for n in names]})
    con = connect(memory_limit="64MB", threads=1)
    with pytest.raises(UnreadableFileError) as caught:
        validate(table, schema, con=con)
    con.close()
    table.close()
    assert "TERRITORIA_MEMORY_LIMIT" in caught.value.hint_en
