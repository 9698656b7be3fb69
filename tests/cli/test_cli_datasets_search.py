"""``territoria datasets search``: stemmed full text, refine/exclude, JSON with facets; a
malformed refine is a bilingual error (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from territoria.cli.main import app

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def cli(home: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(app, ["--home", str(home), *map(str, args)])


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("search") / "instance"
    assert cli(home, "init").exit_code == 0
    for file, slug, title, theme in (
        ("dechets/trilib-paris-2018.csv", "trilib", "Stations Trilib' : déchets triés", "dechets"),
        ("eau/fontaines-a-boire-paris-2021.csv", "fontaines", "Fontaines à boire", "eau"),
    ):
        done = cli(home, "ingest", SAMPLES / file, "--dataset", slug, "--visibility", "private")
        assert done.exit_code == 0, done.output
        edited = cli(home, "datasets", "edit", slug, "--title", title, "--theme", theme)
        assert edited.exit_code == 0, edited.output
    return home


def test_search_text_and_json(home: Path) -> None:
    done = cli(home, "datasets", "search", "DECHET")
    assert done.exit_code == 0 and "trilib" in done.stdout
    assert "fontaines" not in done.stdout
    done = cli(home, "datasets", "search", "--refine", "theme:Eau", "--json")
    found = json.loads(done.stdout)
    assert found["total"] == 1 and found["results"][0]["slug"] == "fontaines"
    assert found["facets"]["theme"] == [{"name": "Eau et assainissement", "count": 1}]
    everything = json.loads(cli(home, "datasets", "search", "--json").stdout)
    assert everything["total"] == 2  # private ones too: the CLI is the instance's owner
    left = cli(home, "datasets", "search", "--exclude", "theme:dechets", "--json")
    assert [r["slug"] for r in json.loads(left.stdout)["results"]] == ["fontaines"]


def test_malformed_refine_is_bilingual(home: Path) -> None:
    done = cli(home, "datasets", "search", "--refine", "theme")
    assert done.exit_code == 2
    assert "FACETTE:VALEUR" in done.stderr and "FACET:VALUE" in done.stderr
    unknown = cli(home, "datasets", "search", "--refine", "couleur:rouge")
    assert unknown.exit_code == 2 and "Unknown facet" in unknown.stderr
