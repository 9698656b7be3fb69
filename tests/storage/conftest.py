"""Fixtures of the storage tests: a lake in a temporary folder and a tiny Parquet writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from territoria.storage.lake import Lake


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    return Lake(tmp_path / "lake", tmp_path / "tmp")


RowsWriter = Callable[[Path, int], None]


def _write_rows(path: Path, count: int) -> None:
    numbers = list(range(count))
    pq.write_table(pa.table({"n": numbers, "label": [str(n) for n in numbers]}), path)


@pytest.fixture
def write_rows() -> RowsWriter:
    """Writes a Parquet file of ``count`` rows: ``n`` 0…count-1 and its text."""
    return _write_rows
