"""Real CSV quirks that change a report, checked against frictionless as the oracle.

Each file is written by the test to reproduce a class seen in the wild: Excel's trailing
``;;;;`` rows, quoted cells spanning lines among short and long rows, mixed line endings,
duplicated and empty header labels. Our ``(type, rowNumber, fieldName)`` triples must be
frictionless' for the same bytes and schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from oracle import frictionless_triples, ours

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "code", "type": "integer"},
        {"name": "nom", "type": "string"},
        {"name": "montant", "type": "number", "decimalChar": ","},
    ]
}

CASES: dict[str, bytes] = {
    # Excel exports end with rows of bare delimiters; empty lines count as rows too.
    "trailing-delimiter-rows": b"code;nom;montant\n1;Paris;2,5\n2;Lyon;x\n;;\n;;\n;;\n",
    "trailing-empty-lines": b"code;nom;montant\n1;Paris;2,5\n\n\n",
    "trailing-mixed-blanks": b"code;nom;montant\r\n1;Paris;2,5\r\n;;\r\n\r\n;;\r\n",
    # A cell of spaces is not empty for frictionless: the row is not blank.
    "trailing-spaces-row": b"code;nom;montant\n1;Paris;2,5\n ; ; \n;;\n",
    "blank-rows-inside-and-after": b"code;nom;montant\n1;Paris;2,5\n;;\n2;Lyon;3\n;;\n",
    # Quoted cells spanning lines together with short and long rows.
    "multiline-short-long": (
        b'code;nom;montant\n1;"Saint-\nDenis";2,5\n2;Lyon\n3;"Le\nMans";4;extra\n4;Nice;x\n'
    ),
    "multiline-short-crlf": b'code;nom;montant\r\n1;"a\r\nb";1\r\n2;c\r\n3;d;2\r\n',
    "mixed-line-endings": b"code;nom;montant\r\n1;Paris;2,5\n2;Lyon;x\r\n3;Nice;4\n",
    "mixed-with-lone-cr": b"code;nom;montant\r\n1;Paris;2,5\n2;Lyon;x\r3;Nice;4\r\n;;\r",
    "lone-cr-only": b"code;nom;montant\r1;Paris;2,5\r2;Lyon\r;;\r",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_equals_frictionless(name: str, tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / f"{name}.csv"
    path.write_bytes(CASES[name])
    report = ours(path, SCHEMA, scratch)
    assert report.triples() == frictionless_triples(path, SCHEMA, ";")


def test_trailing_blank_rows_are_numbered_as_frictionless(tmp_path: Path, scratch: Path) -> None:
    """The count and the numbers themselves, not only equality: rows 4 to 6 here."""
    path = tmp_path / "excel.csv"
    path.write_bytes(CASES["trailing-delimiter-rows"])
    report = ours(path, SCHEMA, scratch)
    blank = [row for kind, row, _ in report.triples() if kind == "blank-row"]
    assert blank == [4, 5, 6]
    assert report.rows == 5  # frictionless counts blank rows among the rows
    assert report.detection["trailingEmptyRows"] == 3


def test_duplicate_and_empty_header_labels_equal_frictionless(
    tmp_path: Path, scratch: Path
) -> None:
    """The header stays the first row although it repeats a label and leaves one empty."""
    path = tmp_path / "entetes.csv"
    path.write_bytes(b"code;code;;nom\n1;2;3;Paris\n4;5;6;Lyon\n")
    schema = {"fields": [{"name": n, "type": "string"} for n in ("code", "code2", "x", "nom")]}
    report = ours(path, schema, scratch)
    assert report.labels == ["code", "code", "", "nom"]
    assert report.triples() == frictionless_triples(path, schema, ";")
    assert {kind for kind, _, _ in report.triples()} >= {"duplicate-label", "blank-label"}
