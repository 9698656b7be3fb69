"""Load DuckDB's excel extension from the ``duckdb-extension-excel`` wheel (no download)."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

from territoria.errors import UserError


def excel_extension_path() -> Path:
    """The ``excel.duckdb_extension`` file shipped for this DuckDB version."""
    try:
        package = importlib.import_module("duckdb_extension_excel")
    except ImportError:
        raise UserError(
            "l'export XLSX demande le paquet duckdb-extension-excel",
            "XLSX export needs the duckdb-extension-excel package",
            hint_fr=f"pip install duckdb-extension-excel=={duckdb.__version__}",
            hint_en=f"pip install duckdb-extension-excel=={duckdb.__version__}",
        ) from None
    root = Path(str(package.__file__)).parent / "extensions"
    found = sorted(root.glob(f"v{duckdb.__version__}/excel.duckdb_extension"))
    if not found:
        raise UserError(
            f"duckdb-extension-excel ne correspond pas à DuckDB {duckdb.__version__}",
            f"duckdb-extension-excel does not match DuckDB {duckdb.__version__}",
            hint_fr=f"pip install duckdb-extension-excel=={duckdb.__version__}",
            hint_en=f"pip install duckdb-extension-excel=={duckdb.__version__}",
        )
    return found[0]


def load_excel(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD the excel extension into ``con`` from its local file."""
    path = str(excel_extension_path()).replace("'", "''")
    con.execute(f"LOAD '{path}'")
