"""DuckDB extensions loaded from their PyPI wheels (``duckdb-extension-<name>``): no download.

``INSTALL`` cannot reach the internet here, and each wheel is built for one DuckDB version;
a missing or mismatched wheel is a user error naming the ``pip install`` that fixes it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

from territoria.errors import UserError


def extension_path(name: str, needed_for_fr: str, needed_for_en: str) -> Path:
    """The ``<name>.duckdb_extension`` file shipped by ``duckdb-extension-<name>`` for this
    DuckDB; ``needed_for_*`` says what asked for it (« l'export XLSX » / "XLSX export")."""
    package_name = f"duckdb-extension-{name}"
    hint = f"pip install {package_name}=={duckdb.__version__}"
    try:
        package = importlib.import_module(package_name.replace("-", "_"))
    except ImportError:
        raise UserError(
            f"{needed_for_fr} demande le paquet {package_name}",
            f"{needed_for_en} needs the {package_name} package",
            hint_fr=hint,
            hint_en=hint,
        ) from None
    root = Path(str(package.__file__)).parent / "extensions"
    found = sorted(root.glob(f"v{duckdb.__version__}/{name}.duckdb_extension"))
    if not found:
        raise UserError(
            f"{package_name} ne correspond pas à DuckDB {duckdb.__version__}",
            f"{package_name} does not match DuckDB {duckdb.__version__}",
            hint_fr=hint,
            hint_en=hint,
        )
    return found[0]


def load_extension(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """``LOAD`` the extension file at ``path`` into ``con``."""
    con.execute(f"LOAD '{str(path).replace(chr(39), chr(39) * 2)}'")
