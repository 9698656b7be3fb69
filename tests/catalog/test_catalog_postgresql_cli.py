"""End to end through the real CLI with the catalogue on PostgreSQL (TERRITORIA_METADATA_URL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from territoria.catalog.database import make_engine
from territoria.cli.main import app

SAMPLE = (
    Path(__file__).resolve().parents[1] / "data" / "samples" / "dechets" / "trilib-paris-2018.csv"
)


def _territoria(home: Path, url: str, *args: str | Path) -> Any:
    env = {"TERRITORIA_METADATA_URL": url, "TERRITORIA_HOME": None}
    return CliRunner().invoke(app, ["--home", str(home), *map(str, args)], env=env)


@pytest.mark.postgres
def test_init_ingest_list_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    home = tmp_path / "instance"
    source = tmp_path / "trilib.csv"
    shutil.copy(SAMPLE, source)

    def cli(*args: str | Path) -> Any:
        result = _territoria(home, postgres_url, *args)
        assert result.exit_code == 0, result.output
        return result

    cli("init")
    cli("ingest", source, "--dataset", "trilib", "--org", "217500016", "--title", "Trilib' 2018")
    assert "aucune nouvelle version" in cli("ingest", source, "--dataset", "trilib").stdout
    listed = json.loads(cli("datasets", "list", "--json").stdout)
    assert [(d["slug"], d["organisation"], d["versions"]) for d in listed] == [
        ("trilib", "217500016", 1)
    ]
    assert listed[0]["title"] == "Trilib' 2018" and listed[0]["rows"] > 0
    assert listed[0]["updatedAt"].endswith("+00:00")  # UTC, though the server runs in Paris time
    shown = json.loads(cli("datasets", "show", "trilib", "--json").stdout)
    assert shown["latest"]["sourceFilename"] == "trilib.csv" and shown["fields"]

    # the rows are in PostgreSQL, and no SQLite file was made beside the lake
    assert not (home / "territoria.db").exists() and (home / "lake" / "trilib" / "v1").is_dir()
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            query = "SELECT d.slug, v.number, v.row_count, v.report ->> 'valid' FROM dataset d"
            rows = connection.execute(text(f"{query} JOIN version v ON v.dataset_id = d.id"))
            assert [tuple(row) for row in rows] == [("trilib", 1, listed[0]["rows"], "true")]
    finally:
        engine.dispose()


def test_unreachable_postgresql_is_a_user_error(tmp_path: Path) -> None:
    url = "postgresql://territoria:s3cret@127.0.0.1:1/catalogue?connect_timeout=2"
    result = _territoria(tmp_path / "instance", url, "init")
    assert result.exit_code == 2, result.output
    assert "injoignable" in result.stderr and "unreachable" in result.stderr
    assert "TERRITORIA_METADATA_URL" in result.stderr and "s3cret" not in result.output
