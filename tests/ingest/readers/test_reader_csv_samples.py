"""Every real sample reads the same through the fast path (DuckDB, UTF-8 judged on slices)
as through the exact one (whole-file encoding check, Python's csv module): same encoding,
labels, rows, numbers and cells, once validation has checked the fast reading (a file whose
quoted cells span lines is found out there, and read again exactly)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from territoria.ingest.readers.csv import read_csv
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import ReadOptions, SourceTable
from territoria.schemas.loader import load_schema
from territoria.validation import validate

SAMPLES = Path(__file__).parents[2] / "data" / "samples"
CSV = sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*.csv"))


def _rows(table: SourceTable) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    try:
        return table.relation(con).order("__row").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("name", CSV)
def test_fast_and_exact_readings_agree(name: str, tmp_path: Path) -> None:
    limits = ReaderLimits()
    fast = read_csv(SAMPLES / name, ReadOptions(), scratch_dir=tmp_path, limits=limits)
    exact = read_csv(
        SAMPLES / name, ReadOptions(), scratch_dir=tmp_path, limits=limits, mode="python"
    )
    try:
        # Any schema will do: validation runs the scan that checks the fast reading.
        names = [{"name": f"field{i}", "type": "any"} for i in range(fast.width)]
        report = validate(fast, load_schema({"fields": names}))
        assert fast.detection.encoding == exact.detection.encoding
        assert fast.labels == exact.labels
        assert fast.detection.header_row == exact.detection.header_row
        skipped = set(fast.skipped_rows)
        expected = [row for row in _rows(exact) if row[0] not in skipped]
        found = _rows(fast)
        assert len(found) == len(expected)
        assert found == expected
        assert report.rows == len(_rows(exact))
    finally:
        fast.close()
        exact.close()


def test_the_samples_use_both_readers() -> None:
    """The comparison above means something only if some samples take the fast path."""
    readers = set()
    for name in CSV:
        table = read_csv(
            SAMPLES / name, ReadOptions(), scratch_dir=Path("/tmp"), limits=ReaderLimits()
        )
        readers.add(table.detection.extra["reader"])
        table.close()
    assert "duckdb" in readers
