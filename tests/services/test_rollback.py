"""rollback_version on versions ingested through the real CLI: the restored version's files,
schema, report and quarantine are carried over; rollbacks chain; the catalogue records them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from territoria.cli.main import app
from territoria.config import Settings, load_settings
from territoria.errors import NotFoundError
from territoria.services.catalogue import list_versions, show_dataset
from territoria.services.diffing import diff_versions
from territoria.services.rollback import rollback_version

DATA = Path(__file__).resolve().parents[1] / "data"
INVALID = DATA / "samples" / "subventions" / "scdl-haute-garonne-datalocale-subvention.csv"
VALID = DATA / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    home = tmp_path / "instance"
    _run(home, "init")
    return load_settings(home)


def _run(home: Path, *args: str | Path) -> Any:
    result = CliRunner().invoke(app, ["--home", str(home), *map(str, args)])
    assert result.exit_code == 0, result.output
    return result


def _ingest(settings: Settings, path: Path, *args: str) -> None:
    _run(settings.home, "ingest", path, "--dataset", "d", *args)


def test_rollback_carries_schema_report_and_quarantine(settings: Settings, tmp_path: Path) -> None:
    _ingest(settings, INVALID, "--schema", "scdl/subventions", "--quarantine")
    other = tmp_path / "autre.csv"
    other.write_text("nom,total\nA,1\n", encoding="utf-8")
    _ingest(settings, other)
    assert [f["name"] for f in show_dataset("d", settings)["fields"]] == ["nom", "total"]

    result = rollback_version("d", 1, settings)
    assert result.created and result.version.number == 3 and result.target.number == 1
    first, _, restored = list_versions("d", settings)
    same = ("rows", "invalidRows", "quarantined", "sourceSha256", "sourceFilename", "format")
    assert {k: restored[k] for k in same} == {k: first[k] for k in same}
    assert restored["quarantined"] is True and restored["rolledBackFrom"] == 1
    shown = show_dataset("d", settings)
    assert [f["name"] for f in shown["fields"]][:3] == [
        "nomAttribuant",
        "idAttribuant",
        "dateConvention",
    ]
    lake = settings.lake_dir / "d"
    for name in ("data.parquet", "quarantine.parquet", "report.json"):
        assert (lake / "v3" / name).read_bytes() == (lake / "v1" / name).read_bytes()
    assert json.loads((lake / "v3" / "report.json").read_text())["valid"] is False
    assert diff_versions("d", 1, 3, settings).identical


def test_rollbacks_chain_and_reach_any_earlier_version(settings: Settings, tmp_path: Path) -> None:
    for number in (1, 2, 3):
        source = tmp_path / f"v{number}.csv"
        source.write_text("n\n" + "".join(f"{i}\n" for i in range(number)), encoding="utf-8")
        _ingest(settings, source)
    assert rollback_version("d", 1, settings).version.number == 4
    assert rollback_version("d", 4, settings).created is False  # 4 is the latest
    assert rollback_version("d", 1, settings).created is False  # 4 holds 1's content
    assert rollback_version("d", 3, settings).version.number == 5
    restored = [(v["number"], v["rolledBackFrom"], v["rows"]) for v in list_versions("d", settings)]
    assert restored == [(1, None, 1), (2, None, 2), (3, None, 3), (4, 1, 1), (5, 3, 3)]


def test_same_rows_from_another_file_count_as_the_latest_content(
    settings: Settings, tmp_path: Path
) -> None:
    """Version 3 holds version 1's rows from another file (other order, line ends): restoring
    1 would change nothing, so nothing is created, as for an identical ingest."""
    bodies = ((1, "a,b\n1,x\n2,z\n"), (2, "a,b\n2,y\n3,w\n"), (3, "a,b\r\n2,z\r\n1,x\r\n"))
    for number, body in bodies:
        source = tmp_path / f"v{number}.csv"
        source.write_bytes(body.encode())
        _ingest(settings, source)
    lake = settings.lake_dir / "d"
    assert (lake / "v1/data.parquet").read_bytes() != (lake / "v3/data.parquet").read_bytes()
    result = rollback_version("d", 1, settings)
    assert result.created is False and result.version.number == 3


def test_unknown_dataset_or_version(settings: Settings, tmp_path: Path) -> None:
    _ingest(settings, VALID)
    for slug, number in (("d", 2), ("inconnu", 1), ("d", 0)):
        with pytest.raises(NotFoundError):
            rollback_version(slug, number, settings)
    assert [v["number"] for v in list_versions("d", settings)] == [1]


def test_the_rolled_back_file_published_again_is_a_new_version(
    settings: Settings, tmp_path: Path
) -> None:
    """Ingest skips a file only when it is the latest version's: after rolling v2 back, the
    file of v2 is new content again, and the file now current is still a no-op."""
    _ingest(settings, VALID)
    second = tmp_path / "corrige.csv"
    second.write_text("nom,total\nA,1\n", encoding="utf-8")
    _ingest(settings, second)
    rollback_version("d", 1, settings)

    _ingest(settings, second)
    assert [v["number"] for v in list_versions("d", settings)] == [1, 2, 3, 4]
    _ingest(settings, second)
    assert len(list_versions("d", settings)) == 4
    assert diff_versions("d", 2, 4, settings).identical
