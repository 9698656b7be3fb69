"""Shared helpers of the reader tests: scratch folder, limits, a scan of the contract relation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from territoria.ingest.readers.limits import ReaderLimits
from territoria.ingest.table import SourceTable

CONTRACT_HEAD = ["__row", "__ncells", "__extra"]

Scan = Callable[[SourceTable], list[tuple[Any, ...]]]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """Where readers spill their rows during a test."""
    return tmp_path / "scratch"


@pytest.fixture
def limits() -> ReaderLimits:
    """The default limits of an instance."""
    return ReaderLimits()


@pytest.fixture
def scan() -> Scan:
    """Scan a table's relation on a fresh connection, checking the contract's columns first."""

    def run(table: SourceTable) -> list[tuple[Any, ...]]:
        relation = table.relation(duckdb.connect())
        expected = CONTRACT_HEAD + [f"c{i}" for i in range(table.width)]
        assert relation.columns == expected
        assert [str(t) for t in relation.types[:3]] == ["BIGINT", "INTEGER", "VARCHAR[]"]
        assert all(str(t) == "VARCHAR" for t in relation.types[3:])
        return relation.fetchall()

    return run
