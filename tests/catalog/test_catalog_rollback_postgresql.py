"""Rollback and diff with the catalogue on PostgreSQL: the migrated column holds the version a
rollback restores, read back through the CLI and straight from the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from territoria.catalog.database import make_engine
from territoria.cli.main import app


@pytest.mark.postgres
def test_rollback_and_diff_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    home = tmp_path / "instance"

    def cli(*args: str | Path) -> Any:
        env = {"TERRITORIA_METADATA_URL": postgres_url, "TERRITORIA_HOME": None}
        result = CliRunner().invoke(app, ["--home", str(home), *map(str, args)], env=env)
        assert result.exit_code == 0, result.output
        return result

    cli("init")
    for number, body in ((1, "a,b\n1,x\n2,y\n"), (2, "a,b\n1,x\n3,z\n")):
        source = tmp_path / f"v{number}.csv"
        source.write_text(body, encoding="utf-8")
        cli("ingest", source, "--dataset", "d")
    created = json.loads(cli("datasets", "rollback", "d", "--to", "1", "--json").stdout)
    assert created["created"] is True and created["version"]["number"] == 3
    assert json.loads(cli("datasets", "diff", "d", "1", "3", "--json").stdout)["identical"]
    diff = json.loads(cli("datasets", "diff", "d", "2", "3", "--json").stdout)
    assert (diff["rows"]["added"], diff["rows"]["removed"]) == (1, 1)
    versions = json.loads(cli("datasets", "versions", "d", "--json").stdout)
    assert [v["rolledBackFrom"] for v in versions] == [None, None, 1]
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT number, rolled_back_from FROM version"))
            assert sorted(tuple(row) for row in rows) == [(1, None), (2, None), (3, 1)]
    finally:
        engine.dispose()
