"""sniff_text_file end to end on hand-made files: physical header row, findings, forced values."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.sniff import sniff_text_file
from territoria.ingest.table import ReadOptions

MAX_LINE = 1024 * 1024


def sniff(path: Path, **forced: Any) -> dict[str, Any]:
    return sniff_text_file(path, ReadOptions(**forced), max_line_bytes=MAX_LINE).to_dict()


def test_title_and_blank_rows_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "subventions.csv"
    path.write_bytes(
        "Subventions versées en 2019;;;\r\n"
        ";;;\r\n"
        "\r\n"
        "bénéficiaire;objet;montant;;\r\n"
        "Club de foot;Fonctionnement;1 234,56;;\r\n"
        "Harmonie;Concert, répétitions;800,00;;\r\n".encode("cp1252")
    )
    found = sniff(path)
    assert found["encoding"] == "cp1252"
    assert (found["delimiter"], found["headerRow"]) == (";", 4)
    assert found["titleRows"] == ["Subventions versées en 2019"]
    assert found["trailingEmptyColumns"] == 2
    assert found["lineEnding"] == "crlf"


def test_utf16_tab_separated_export(tmp_path: Path) -> None:
    """Excel's "Unicode text" export: UTF-16 LE with BOM, tab-separated."""
    text = "commune\tpopulation\r\nSaint-Denis\t153 810\r\nSaint-Pierre\t84 961\r\n"
    path = tmp_path / "export.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    found = sniff(path)
    assert (found["encoding"], found["bom"], found["delimiter"]) == ("utf-16", True, "\t")
    assert found["headerRow"] == 1


def test_pipe_file_with_quoted_delimiters(tmp_path: Path) -> None:
    path = tmp_path / "pipe.csv"
    rows = ["code|libellé|note", '01|"Ain | Bourg; centre"|1,5', '2A|"Corse-du-Sud, Ajaccio"|2,5']
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = sniff(path)
    assert (found["delimiter"], found["quotechar"], found["lineEnding"]) == ("|", '"', "lf")


def test_lines_longer_than_the_sample(tmp_path: Path) -> None:
    """Records of 300 kB each: the sample grows to hold whole lines instead of one cut line."""
    long_cell = "x" * 300_000
    path = tmp_path / "long.csv"
    path.write_text(f"a;b;c\n1;{long_cell};2\n3;{long_cell};4\n", encoding="utf-8")
    found = sniff(path)
    assert (found["delimiter"], found["headerRow"]) == (";", 1)


def test_forced_values_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("titre\na;b\n1;2\n", encoding="utf-8")
    found = sniff(path, delimiter="tab", quotechar="'", header_row=2)
    assert (found["delimiter"], found["quotechar"], found["headerRow"]) == ("\t", "'", 2)
    assert found["forced"] == ["delimiter", "quotechar", "header_row"]


def test_forced_header_row_must_be_positive(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        sniff(path, header_row=0)
