"""Blank rows (``;;;;`` lines a spreadsheet leaves at the end, empty lines) are reported as
frictionless reports them, but hold no data: they never make ``ingest`` refuse a file, are
never stored nor quarantined, and stay in the version's report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

HEADER = "commune;code;population"
ROWS = ["Albi;81004;49000", "Rodez;12202;24000", "Castres;81065;41000"]
SCHEMA = {
    "fields": [
        {"name": "commune"},
        {"name": "code", "type": "string", "constraints": {"pattern": "[0-9]{5}"}},
        {"name": "population", "type": "integer"},
    ]
}


def _versions(ready: Any, slug: str) -> list[dict[str, Any]]:
    result: Any = ready("datasets", "versions", slug, "--format", "json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_blank_rows_alone_do_not_refuse_an_ingest(ready: Any, tmp_path: Path) -> None:
    source = tmp_path / "export-excel.csv"
    lines = [HEADER, ROWS[0], ROWS[1], "", ROWS[2], ";;", ";;", ";;"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")

    checked: Any = ready("validate", source, "--schema", schema, "--format", "json")
    assert checked.exit_code == 1  # the report says what frictionless says
    errors = json.loads(checked.stdout)["tasks"][0]["errors"]
    assert [(e["type"], e["rowNumber"]) for e in errors] == [
        ("blank-row", 4),
        ("blank-row", 6),
        ("blank-row", 7),
        ("blank-row", 8),
    ]

    stored: Any = ready("ingest", source, "--dataset", "communes", "--schema", schema)
    assert stored.exit_code == 0, stored.output
    [version] = _versions(ready, "communes")
    assert (version["rows"], version["invalidRows"]) == (3, 0)
    folder = ready.home / "lake" / "communes" / "v1"
    assert pq.read_table(folder / "data.parquet").num_rows == 3
    assert not (folder / "quarantine.parquet").exists()
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["tasks"][0]["stats"]["errorsByType"] == {"blank-row": 4}


def test_blank_rows_beside_a_real_error_still_refuse(ready: Any, tmp_path: Path) -> None:
    source = tmp_path / "export-excel.csv"
    lines = [HEADER, ROWS[0], "Rodez;122;24000", ROWS[2], ";;"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")

    refused: Any = ready("ingest", source, "--dataset", "communes", "--schema", schema)
    assert refused.exit_code == 1
    assert ready("datasets", "versions", "communes").exit_code == 2  # nothing was stored

    kept: Any = ready("ingest", source, "--dataset", "communes", "--schema", schema, "--quarantine")
    assert kept.exit_code == 0, kept.output
    [version] = _versions(ready, "communes")
    assert (version["rows"], version["invalidRows"]) == (2, 1)
    folder = ready.home / "lake" / "communes" / "v1"
    quarantined = pq.read_table(folder / "quarantine.parquet").to_pylist()
    assert [row["rowNumber"] for row in quarantined] == [3]
