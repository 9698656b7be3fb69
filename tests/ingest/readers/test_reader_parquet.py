"""Parquet read straight from DuckDB: typed columns become their text, types kept in Detection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from territoria.errors import UnreadableFileError
from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.readers.parquet import read_parquet
from territoria.ingest.table import ReadOptions, SourceTable

Scan = Callable[[SourceTable], list[tuple[Any, ...]]]


def test_typed_columns_become_text(tmp_path: Path, scratch: Path, scan: Scan) -> None:
    path = tmp_path / "typed.parquet"
    table = pa.table(
        {
            "code": ["75056", "69123", None],
            "population": pa.array([2_100_000, 520_000, None], pa.int64()),
            "ratio": [0.1, 1e20, 2.5],
            "actif": [True, False, None],
            "jour": [dt.date(2024, 12, 25)] * 3,
            "horodatage": [dt.datetime(2024, 12, 25, 10, 30)] * 3,
            "tags": [["a", "é"], [], None],
            "A": [1, 2, 3],
            "a": ["x", "y", "z"],  # same name but for case: DuckDB would rename it
        }
    )
    pq.write_table(table, path)
    read = read_parquet(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
    assert read.labels == list(table.column_names)
    assert read.detection.format == "parquet"
    assert read.detection.extra["sourceTypes"]["population"] == "int64"
    assert read.detection.extra["sourceTypes"]["horodatage"] == "timestamp[us]"
    rows = scan(read)
    assert rows[0] == (
        2, 9, None, "75056", "2100000", "0.1", "true", "2024-12-25", "2024-12-25T10:30:00",
        '["a","é"]', "1", "x",
    )  # fmt: skip
    assert rows[1][3:9] == (
        "69123",
        "520000",
        "1e+20",
        "false",
        "2024-12-25",
        "2024-12-25T10:30:00",
    )
    assert rows[2][3:7] == (None, None, "2.5", None)
    assert [row[0] for row in rows] == [2, 3, 4]
    assert read.cleanup == []  # nothing spilled


def test_not_parquet_refused(tmp_path: Path, scratch: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1" + bytes(64))
    with pytest.raises(UnreadableFileError, match="Parquet"):
        read_parquet(path, ReadOptions(), scratch_dir=scratch, limits=ReaderLimits())
