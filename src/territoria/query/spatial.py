"""Prepare a DuckDB connection for ODSQL: the spatial extension from its wheel, UTC sessions."""

from __future__ import annotations

from pathlib import Path

import duckdb

from territoria.engine.extensions import extension_path, load_extension


def spatial_extension_path() -> Path:
    """The ``spatial.duckdb_extension`` file shipped by duckdb-extension-spatial for this DuckDB."""
    return extension_path("spatial", "les fonctions géographiques d'ODSQL", "ODSQL geo functions")


def load_spatial(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD spatial into ``con`` (once per connection) and pin its TimeZone to UTC.

    Compiled queries read stored timestamps as UTC (``CAST(… AS TIMESTAMPTZ)``) before
    converting them to the request's zone: the session zone must be UTC for that to hold.
    """
    load_extension(con, spatial_extension_path())
    con.execute("SET TimeZone = 'UTC'")
