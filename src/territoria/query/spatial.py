"""Prepare a DuckDB connection for ODSQL: the spatial extension from its wheel, UTC sessions."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

from territoria.errors import UserError


def spatial_extension_path() -> Path:
    """The ``spatial.duckdb_extension`` file shipped by duckdb-extension-spatial for this DuckDB."""
    hint = f"pip install duckdb-extension-spatial=={duckdb.__version__}"
    try:
        package = importlib.import_module("duckdb_extension_spatial")
    except ImportError:
        raise UserError(
            "les fonctions géographiques d'ODSQL demandent le paquet duckdb-extension-spatial",
            "ODSQL geo functions need the duckdb-extension-spatial package",
            hint_fr=hint,
            hint_en=hint,
        ) from None
    root = Path(str(package.__file__)).parent / "extensions"
    found = sorted(root.glob(f"v{duckdb.__version__}/spatial.duckdb_extension"))
    if not found:
        raise UserError(
            f"duckdb-extension-spatial ne correspond pas à DuckDB {duckdb.__version__}",
            f"duckdb-extension-spatial does not match DuckDB {duckdb.__version__}",
            hint_fr=hint,
            hint_en=hint,
        )
    return found[0]


def load_spatial(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD spatial into ``con`` (once per connection) and pin its TimeZone to UTC.

    Compiled queries read stored timestamps as UTC (``CAST(… AS TIMESTAMPTZ)``) before
    converting them to the request's zone: the session zone must be UTC for that to hold.
    """
    path = str(spatial_extension_path()).replace("'", "''")
    con.execute(f"LOAD '{path}'")
    con.execute("SET TimeZone = 'UTC'")
