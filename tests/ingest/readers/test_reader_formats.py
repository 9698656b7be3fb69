"""detect_format: magic bytes, zip entries, the JSON family, extensions, text, and refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from territoria.errors import UnreadableFileError
from territoria.ingest.formats import FORMATS, detect_format

SAMPLES = Path(__file__).parents[2] / "data" / "samples"

TEXT_FILES = {
    "records.json": (b'[\n  {"a": 1},\n  {"a": 2}\n]\n', "json"),
    "wrapped.dat": (b'{"data": [{"type": "Feature"}]}', "json"),
    "lines.dat": (b'{"a": 1}\n\n{"a": 2}\n', "jsonl"),
    "rows.dat": (b'["a", "b"]\n[1, 2]\n', "jsonl"),
    "one-line.ndjson": (b'{"a": 1}\n', "jsonl"),
    "collection.json": (b'\xef\xbb\xbf{"type": "FeatureCollection", "features": []}', "geojson"),
    "features-first.dat": (b'{"features": [{"type": "Feature"}], "type": "x"}', "geojson"),
    "feature.dat": (b'{"id": 1, "type": "Feature", "geometry": null}', "geojson"),
    "semicolons.dat": ("commune;montant\nÉvry;12\n".encode(), "csv"),
    "latin1.dat": ("commune;montant\nÉvry;12\n".encode("cp1252"), "csv"),
    "utf16.dat": ("commune\tmontant\n".encode("utf-16"), "csv"),
    "binary.tsv": (bytes(range(256)), "csv"),  # the extension wins; the CSV reader explains
}


@pytest.mark.parametrize("name", list(TEXT_FILES))
def test_text_families(name: str, tmp_path: Path) -> None:
    content, expected = TEXT_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path, None) == expected


def test_real_samples() -> None:
    found = {path.name: detect_format(path, None) for path in SAMPLES.glob("*/*.*")}
    assert found["dep-aube-conventions-subvention.xlsx"] == "xlsx"
    assert found["marches-publics-2016.xlsx"] == "xlsx"
    assert {kind for name, kind in found.items() if name.endswith(".csv")} == {"csv"}


def test_binary_formats(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "book.bin")
    assert detect_format(tmp_path / "book.bin", None) == "xlsx"
    pq.write_table(pa.table({"a": [1]}), tmp_path / "t.bin")
    assert detect_format(tmp_path / "t.bin", None) == "parquet"
    (tmp_path / "old.bin").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert detect_format(tmp_path / "old.bin", None) == "xls"
    with zipfile.ZipFile(tmp_path / "sheet.bin", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert detect_format(tmp_path / "sheet.bin", None) == "ods"


def _zip(path: Path, names: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ("noise.bin", bytes(range(256)) * 4),
        ("page.html", b"<!DOCTYPE html>\n<html><table></table></html>"),
        ("empty.csv", b""),
        ("broken.zip", b"PK\x03\x04" + bytes(64)),
    ],
)
def test_unsupported_files_refused(name: str, content: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError):
        detect_format(path, None)


def test_zip_neither_xlsx_nor_ods_lists_supported_formats(tmp_path: Path) -> None:
    for names in (["notes.txt"], ["[Content_Types].xml", "word/document.xml"]):
        path = _zip(tmp_path / "archive.zip", names)
        with pytest.raises(UnreadableFileError) as caught:
            detect_format(path, None)
        assert "XLSX" in (caught.value.hint_en or "")
        assert caught.value.details["supportedFormats"] == list(FORMATS)


def test_forced_format(tmp_path: Path) -> None:
    path = tmp_path / "any.bin"
    path.write_bytes(b"\x00\x01")
    assert detect_format(path, "XLSX") == "xlsx"
    assert detect_format(path, "ndjson") == "jsonl"
    assert detect_format(path, "tsv") == "csv"
    with pytest.raises(UnreadableFileError, match="pdf"):
        detect_format(path, "pdf")
