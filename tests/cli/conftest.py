"""Fixtures of the CLI tests: a fresh instance folder, a runner, the real sample files."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from territoria.cli.main import app


class Cli:
    """Runs ``territoria --home HOME ...`` in process."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.app = app
        self.runner = CliRunner()

    def __call__(self, *args: str | Path) -> object:
        return self.runner.invoke(app, ["--home", str(self.home), *map(str, args)])


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "instance"


@pytest.fixture
def cli(home: Path) -> Cli:
    return Cli(home)


@pytest.fixture
def ready(cli: Cli) -> Cli:
    result = cli("init")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return cli
