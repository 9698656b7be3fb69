"""Guards refuse missing, empty, binary and endless-line files with bilingual messages."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.guards import (
    check_exists,
    check_file,
    check_line_lengths,
    check_not_binary,
    check_not_empty,
    looks_binary,
)

MIB = 1024 * 1024


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="n'existe pas") as caught:
        check_exists(tmp_path / "absent.csv")
    assert caught.value.path == str(tmp_path / "absent.csv")
    assert "not found" in str(caught.value)
    with pytest.raises(UnreadableFileError, match="dossier"):
        check_exists(tmp_path)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n",
     codecs.BOM_UTF16_LE + " \r\n".encode("utf-16-le")],
    ids=["zero-bytes", "whitespace", "bom", "bom-newlines", "utf16-whitespace"],
)  # fmt: skip
def test_empty_files_are_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        check_not_empty(write(tmp_path, data))
    error = caught.value
    assert "vide" in error.message_fr and "empty" in error.message_en
    assert str(error).index(error.message_fr) < str(error).index(error.message_en)


def test_content_after_a_blank_head_is_not_empty(tmp_path: Path) -> None:
    check_not_empty(write(tmp_path, b" " * (3 * MIB) + b"a;b\n"))


@pytest.mark.parametrize(
    ("head", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", True),
        (b"\x7fELF\x02\x01\x01\x00", True),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", True),
        (b"nom;ville\x00\x00;x\n", True),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", False),  # xlsx, ods
        (b"PAR1\x15\x04\x15\x00", False),
        (b"nom;ville\nDupont;S\xe8te\n", False),
        (codecs.BOM_UTF16_LE + "nom;ville\n".encode("utf-16-le"), False),
        ("nom;ville\nDupont;Sète\n".encode("utf-16-be"), False),
    ],
    ids=["png", "pdf", "elf", "gzip", "nul", "zip", "parquet", "cp1252", "utf16-bom",
         "utf16-no-bom"],
)  # fmt: skip
def test_looks_binary(head: bytes, binary: bool) -> None:
    assert looks_binary(head) is binary


def test_binary_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path, b"%PDF-1.4\n" + bytes(range(256)) * 10, "rapport.csv")
    with pytest.raises(UnreadableFileError) as caught:
        check_not_binary(path)
    assert caught.value.hint_fr is not None and "CSV" in caught.value.hint_fr
    assert "rapport.csv" in str(caught.value)


def test_a_20_mb_single_line_is_refused_quickly(tmp_path: Path) -> None:
    path = write(tmp_path, b"a;" * (10 * MIB))
    start = time.perf_counter()
    with pytest.raises(UnreadableFileError) as caught:
        check_line_lengths(path, MIB)
    assert time.perf_counter() - start < 0.5
    assert caught.value.line == 1


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_long_line_in_the_middle_names_its_line(tmp_path: Path, newline: bytes) -> None:
    lines = [b"a;b"] * 1000 + [b"x" * 500] + [b"c;d"] * 1000
    path = write(tmp_path, newline.join(lines) + newline)
    with pytest.raises(UnreadableFileError) as caught:
        check_line_lengths(path, 400)
    assert caught.value.line == 1001
    check_line_lengths(path, 600)


def test_long_line_across_chunk_boundaries(tmp_path: Path) -> None:
    path = write(tmp_path, b"a;b\n" + b"y" * (MIB + 10) + b"\nc;d\n")
    with pytest.raises(UnreadableFileError) as caught:
        check_line_lengths(path, MIB)
    assert caught.value.line == 2
    check_line_lengths(path, 2 * MIB)


def test_check_file_passes_a_good_file_and_runs_every_guard(tmp_path: Path) -> None:
    check_file(write(tmp_path, "nom;ville\nDupont;Sète\n".encode()), max_line_bytes=MIB)
    with pytest.raises(UnreadableFileError):
        check_file(write(tmp_path, b"x" * 100, "long.csv"), max_line_bytes=10)
    check_file(write(tmp_path, b"x" * 100, "long.txt"))  # no line limit for non-text formats
