"""The typed rows storage writes: read by content from the ordered scan, or numbered.

Both readings must give the same rows in the same order; the quick one (no numbering of the
file) is only used when it can be exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from territoria.engine.connection import connect
from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions
from territoria.schemas import load_schema
from territoria.validation import validate
from territoria.validation.typed import (
    quarantine_rows_sql,
    valid_rows_by_content_sql,
    valid_rows_sql,
)

SCHEMA = {
    "fields": [
        {"name": "code", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "ville", "type": "string", "constraints": {"required": True}},
        {"name": "taux", "type": "number", "decimalChar": ","},
        {"name": "jour", "type": "date"},
    ]
}
ROWS = [
    "1;Albi;1,5;2024-01-02",
    "007;Albi;;2024-01-03",  # valid, but only the reference reads 007 (resolved after scan)
    "-3;Albi;2;2024-01-04",  # minimum
    "4;;3;2024-01-05",  # required
    "5;Castres;x;2024-02-30",  # type errors
    "1;Albi;1,5;2024-01-02",  # same cells as row 2: valid too
    "6;Gaillac; 2,5 ;",  # spaces around a number: valid for the reference
]


def _read(tmp_path: Path, rows: list[str], schema: dict[str, Any]) -> tuple[Any, ...]:
    path = tmp_path / "data.csv"
    path.write_text("code;ville;taux;jour\n" + "\n".join(rows) + "\n", encoding="utf-8")
    table = read_csv(path, ReadOptions(), scratch_dir=tmp_path / "s", limits=ReaderLimits())
    con = connect()
    loaded = load_schema(schema)
    report = validate(table, loaded, con=con)
    return table, con, loaded, report


def test_rows_read_by_content_equal_the_numbered_rows(tmp_path: Path) -> None:
    table, con, schema, report = _read(tmp_path, ROWS, SCHEMA)
    by_content = valid_rows_by_content_sql(
        con, table.labels, schema, empty_as_null=table.empty_as_null
    )
    assert by_content is not None
    quick = con.execute(by_content).fetchall()
    exact = con.execute(valid_rows_sql(con, table.labels, schema)).fetchall()
    assert quick == exact
    assert [row[0] for row in quick] == [1, 7, 1, 6]
    assert report.rows - report.invalid_rows == len(quick)


def test_quarantine_holds_the_invalid_rows_as_written(tmp_path: Path) -> None:
    table, con, schema, _ = _read(tmp_path, ROWS, SCHEMA)
    rows = con.execute(quarantine_rows_sql(con, table.labels, schema)).fetchall()
    assert rows == [
        (4, "-3", "Albi", "2", "2024-01-04"),
        (5, "4", "", "3", "2024-01-05"),
        (6, "5", "Castres", "x", "2024-02-30"),
    ]


def test_key_errors_need_the_numbered_reading(tmp_path: Path) -> None:
    """The first of two equal keys is valid and the second is not: cells cannot tell them
    apart, so the quick reading steps aside."""
    schema = {**SCHEMA, "primaryKey": ["code"]}
    table, con, loaded, _ = _read(tmp_path, ["1;Albi;1;2024-01-01", "1;Albi;1;2024-01-01"], schema)
    assert valid_rows_by_content_sql(con, table.labels, loaded, empty_as_null=True) is None
    exact = con.execute(valid_rows_sql(con, table.labels, loaded)).fetchall()
    assert [row[0] for row in exact] == [1]
    quarantined = con.execute(quarantine_rows_sql(con, table.labels, loaded)).fetchall()
    assert [row[0] for row in quarantined] == [3]
