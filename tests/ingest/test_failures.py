"""Failures found after the reader returned go through ingest/failures.py too (real files)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hostile_files import CASES

from territoria.config import Settings
from territoria.errors import UnreadableFileError
from territoria.ingest.open import open_table
from territoria.ingest.table import ReadOptions

BUILDERS = {case.name: case.build for case in CASES}


def built(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    BUILDERS[name](path)
    return path


def test_corrupt_parquet_pages_are_refused_when_scanned(tmp_path: Path) -> None:
    path = built(tmp_path, "corrupt_pages.parquet")
    table = open_table(path, ReadOptions(), Settings(home=tmp_path / "home"))  # footer reads
    con = duckdb.connect()
    try:
        with pytest.raises(UnreadableFileError) as caught:
            table.attempt(lambda: table.relation(con).fetchall())
    finally:
        con.close()
        table.close()
    assert caught.value.path == str(path)
    assert "Parquet" in caught.value.message_fr and "Parquet" in caught.value.message_en


@pytest.mark.parametrize(
    "name", ["xml_entity_bomb.xlsx", "sheet_cut_mid_tag.xlsx", "zip_bomb_lying_headers.xlsx"]
)
def test_sheet_xml_failures_are_user_errors(tmp_path: Path, name: str) -> None:
    path = built(tmp_path, name)
    with pytest.raises(UnreadableFileError) as caught:
        open_table(path, ReadOptions(), Settings(home=tmp_path / "home"))
    assert caught.value.path == str(path)
    assert caught.value.hint_fr and caught.value.hint_en
