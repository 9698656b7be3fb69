"""DuckDB extensions come from their wheels; a missing wheel names the pip install that fixes it."""

from __future__ import annotations

import duckdb
import pytest

from territoria.engine.extensions import extension_path, load_extension
from territoria.errors import UserError


@pytest.mark.parametrize("name", ["excel", "spatial"])
def test_shipped_extensions_load(name: str) -> None:
    with duckdb.connect() as con:
        load_extension(con, extension_path(name, "un test", "a test"))
        loaded = con.execute(
            "SELECT loaded FROM duckdb_extensions() WHERE extension_name = ?", [name]
        ).fetchone()
    assert loaded == (True,)


def test_a_missing_wheel_says_what_to_install() -> None:
    with pytest.raises(UserError) as caught:
        extension_path("nosuchthing", "la démonstration", "the demonstration")
    message = str(caught.value)
    assert "la démonstration demande le paquet duckdb-extension-nosuchthing" in message
    assert f"pip install duckdb-extension-nosuchthing=={duckdb.__version__}" in message
