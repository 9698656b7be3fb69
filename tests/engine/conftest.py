"""Fixtures of the engine tests: a real DuckDB engine and a Parquet version on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from territoria.engine.duckdb_engine import DuckDBEngine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[DuckDBEngine]:
    with DuckDBEngine(temp_dir=tmp_path / "spill") as engine:
        yield engine


@pytest.fixture
def version_files(tmp_path: Path) -> list[Path]:
    """A version split over two Parquet files, with awkward column names and values."""
    first = pa.table(
        {
            "code commune": ["75056", "13055", "69123"],
            "nom": ["Paris", "Marseille", "Lyon"],
            "population": [2_133_111, 873_076, 522_250],
        }
    )
    second = pa.table(
        {
            "code commune": ["31555", "06088"],
            "nom": ["Toulouse", "Nice; DROP TABLE x; --'"],
            "population": [504_078, None],
        }
    )
    paths = [tmp_path / "part-0.parquet", tmp_path / "part-1.parquet"]
    pq.write_table(first, paths[0])
    pq.write_table(second, paths[1])
    return paths
