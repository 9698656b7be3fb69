"""``uniqueKeys`` (Table Schema 2.0): SQL's UNIQUE, checked in the key scan.

frictionless 5 does not check them, so the expected errors are written out here from the
specification: a repeated key is a ``unique-error`` on each later row, and a key with an
empty cell never clashes.
"""

from __future__ import annotations

from pathlib import Path

from oracle import ours

SCHEMA = {
    "fields": [
        {"name": "commune", "type": "string"},
        {"name": "annee", "type": "integer"},
        {"name": "code", "type": "string"},
        {"name": "tonnage", "type": "number"},
    ],
    "uniqueKeys": [["commune", "annee"], ["code"]],
}


def test_repeated_composite_and_single_keys_are_unique_errors(
    tmp_path: Path, scratch: Path
) -> None:
    path = tmp_path / "collecte.csv"
    path.write_text(
        "commune;annee;code;tonnage\n"
        "Albi;2023;A1;10\n"  # row 2
        "Albi;2024;A2;11\n"  # row 3
        "Albi;2023;A3;12\n"  # row 4: (Albi, 2023) again
        "Castres;;A4;13\n"  # row 5: key with an empty cell
        "Castres;;A5;14\n"  # row 6: the same, but empty cells never clash
        "Gaillac;2023;A1;15\n",  # row 7: code A1 again
        encoding="utf-8",
    )
    report = ours(path, SCHEMA, scratch)
    assert report.triples() == [("unique-error", 4, None), ("unique-error", 7, "code")]
    assert report.errors_by_type == {"unique-error": 2}
    assert report.invalid_rows == 2
    notes = [error.to_dict("en")["note"] for error in report.errors]
    assert "row at position 2" in notes[0] and "commune, annee" in notes[0]
    assert "row at position 2" in notes[1]


def test_keys_compare_typed_values_not_text(tmp_path: Path, scratch: Path) -> None:
    """``2023`` and ``02023`` are the same integer, so the same key."""
    path = tmp_path / "typed.csv"
    path.write_text(
        "commune;annee;code;tonnage\nAlbi;2023;A1;1\nAlbi;02023;A2;2\n", encoding="utf-8"
    )
    assert ours(path, SCHEMA, scratch).triples() == [("unique-error", 3, None)]


def test_a_key_naming_a_field_absent_from_the_file_is_not_checked(
    tmp_path: Path, scratch: Path
) -> None:
    path = tmp_path / "partial.csv"
    path.write_text("commune;annee;tonnage\nAlbi;2023;1\nAlbi;2023;2\n", encoding="utf-8")
    report = ours(path, {**SCHEMA, "fieldsMatch": "partial"}, scratch)
    assert report.triples() == [("unique-error", 3, None)]
