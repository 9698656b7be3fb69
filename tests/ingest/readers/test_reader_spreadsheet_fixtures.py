"""Hand-built workbooks: title rows, trailing blanks, typed cells, sheet choice, zip bombs."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from territoria.errors import UnreadableFileError
from territoria.ingest.failures import open_guarded
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.spreadsheet import read_ods, read_xls, read_xlsx
from territoria.ingest.table import ReadOptions, SourceTable

Scan = Callable[[SourceTable], list[tuple[Any, ...]]]


def _workbook(path: Path, cells: dict[str, Any], extra_sheets: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Données"
    for ref, value in cells.items():
        sheet[ref] = value
    for name in extra_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


TITLED = {
    "A1": "Subventions versées en 2024",
    "A2": "Source : service financier",
    "B4": "commune",
    "C4": "montant",
    "D4": "date",
    "E4": "versé",
    "B5": "Évry-Courcouronnes",
    "C5": 75056.0,
    "D5": dt.datetime(2024, 12, 25, 10, 30),
    "E5": True,
    "B6": "Saint-Étienne",
    "C6": 1234.5,
    "D6": dt.date(2024, 12, 25),
    "E6": False,
    "B8": "Lyon",
    "C8": 0.1,
    "D8": 12,
}


def test_title_rows_blank_rows_and_typed_cells(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = _workbook(tmp_path / "titled.xlsx", TITLED)
    table = read_xlsx(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["commune", "montant", "date", "versé"]
    assert table.detection.header_row == 4
    assert table.detection.sheet == "Données"
    assert scan(table) == [
        (5, 4, None, "Évry-Courcouronnes", "75056", "2024-12-25T10:30:00", "true"),
        (6, 4, None, "Saint-Étienne", "1234.5", "2024-12-25", "false"),
        (7, 4, None, "", "", "", ""),  # a blank row inside the table stays (blank-row)
        (8, 4, None, "Lyon", "0.1", "12", ""),
    ]
    assert table.rows is not None
    assert next(table.rows()) == (5, ["Évry-Courcouronnes", "75056", "2024-12-25T10:30:00", "true"])


def test_trailing_empty_columns_and_rows_are_dropped(
    tmp_path: Path, scratch: Path, scan: Scan
) -> None:
    cells: dict[str, Any] = {"A1": "a", "B1": "b", "A2": "1", "B2": "2", "A3": "3"}
    cells |= {"E1": "", "E2": "  ", "A9": "", "C12": ""}  # blank text left far away
    path = _workbook(tmp_path / "trailing.xlsx", cells)
    table = read_xlsx(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["a", "b"]
    assert scan(table) == [(2, 2, None, "1", "2"), (3, 2, None, "3", "")]


def test_forced_header_row(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = _workbook(tmp_path / "titled.xlsx", TITLED)
    options = ReadOptions(header_row=5)
    table = read_xlsx(path, options, scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels[0] == "Évry-Courcouronnes"
    assert table.detection.header_row == 5
    assert table.detection.forced == ["headerRow"]
    assert [row[0] for row in scan(table)] == [6, 7, 8]


def test_first_non_empty_sheet_and_unknown_sheet(tmp_path: Path, scratch: Path) -> None:
    book = Workbook()
    assert book.active is not None
    book.active.title = "Vide"
    book.create_sheet("Table")["A1"] = "x"
    book.save(tmp_path / "sheets.xlsx")
    table = read_xlsx(
        tmp_path / "sheets.xlsx", ReadOptions(), scratch_dir=scratch, limits=ReaderLimits()
    )
    assert table.detection.sheet == "Table"
    assert table.detection.to_dict()["sheets"] == ["Vide", "Table"]
    with pytest.raises(UnreadableFileError, match="Table") as caught:
        read_xlsx(
            tmp_path / "sheets.xlsx",
            ReadOptions(sheet="Feuil9"),
            scratch_dir=scratch,
            limits=ReaderLimits(),
        )
    assert caught.value.details["sheets"] == ["Vide", "Table"]


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            block = bytes(8 * 1024**2)
            for _ in range(size // len(block)):
                entry.write(block)
    return path


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An XLSX-looking zip whose one entry inflates to 1 GiB of zeros (under 5 MB on disk)."""
    return _bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx", 1024**3)


def test_zip_bomb_refused_without_inflating(bomb: Path, scratch: Path) -> None:
    assert bomb.stat().st_size < 5 * 1024**2
    generous = ReaderLimits(max_uncompressed_bytes=4 * 1024**3)  # only the ratio can catch it
    for limits in (ReaderLimits(), generous):
        started = time.perf_counter()
        with pytest.raises(UnreadableFileError) as caught:
            read_xlsx(bomb, ReadOptions(), scratch_dir=scratch, limits=limits)
        assert time.perf_counter() - started < 1.0
        assert caught.value.code == "unreadable-file"
    assert "bombe" in caught.value.message_fr and "ratio" in caught.value.details


def test_corrupt_zip_refused(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(UnreadableFileError, match="endommagé"):
        read_xlsx(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())


def test_not_a_workbook_and_oversized_xls(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "fake.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    with pytest.raises(UnreadableFileError, match="XLS"):  # the parser's error, translated
        open_guarded(
            path,
            "xls",
            lambda: read_xls(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits()),
        )
    with pytest.raises(UnreadableFileError, match="limit"):
        read_xls(
            path,
            ReadOptions(),
            scratch_dir=scratch,
            limits=ReaderLimits(max_uncompressed_bytes=1000),
        )


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)

ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_cell(kind: str, shown: str, value: str = "") -> str:
    attribute = {"float": f'office:value="{value}"', "date": f'office:date-value="{value}"'}
    return (
        f'<table:table-cell office:value-type="{kind}" {attribute.get(kind, "")}>'
        f"<text:p>{shown}</text:p></table:table-cell>"
    )


def test_ods_written_by_hand(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    rows = [
        [_ods_cell("string", "Titre du tableau")],
        [_ods_cell("string", label) for label in ("commune", "montant", "date")],
        [
            _ods_cell("string", "Évry"),
            _ods_cell("float", "75056", "75056"),
            _ods_cell("date", "25/12/2024", "2024-12-25"),
        ],
    ]
    body = "".join(f"<table:table-row>{''.join(row)}</table:table-row>" for row in rows)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="Feuille1">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "table.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", content)
    table = read_ods(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert table.labels == ["commune", "montant", "date"]
    assert table.detection.header_row == 2
    assert table.detection.sheet == "Feuille1"
    assert scan(table) == [(3, 3, None, "Évry", "75056", "2024-12-25")]
