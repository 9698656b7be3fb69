"""Load DuckDB's excel extension from the ``duckdb-extension-excel`` wheel (no download)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from territoria.engine.extensions import extension_path, load_extension


def excel_extension_path() -> Path:
    """The ``excel.duckdb_extension`` file shipped for this DuckDB version."""
    return extension_path("excel", "l'export XLSX", "XLSX export")


def load_excel(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD the excel extension into ``con`` from its local file."""
    load_extension(con, excel_extension_path())
