"""datasets diff and datasets rollback through the real CLI: text and JSON output, exports
of a rollback byte-identical to the version it restores, history untouched, errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from alembic import command

from territoria.catalog.database import alembic_config, make_engine

SCHEMA = {
    "fields": [
        {"name": "code", "type": "string"},
        {"name": "commune", "type": "string"},
        {"name": "population", "type": "integer"},
    ],
    "primaryKey": ["code"],
}
V1 = "code,commune,population\n75056,Paris,2133111\n13055,Marseille,873076\n69123,Lyon,522250\n"
V2 = "code,commune,population\n75056,Paris,2102650\n69123,Lyon,522250\n31555,Toulouse,504078\n"


def _ok(cli: Any, *args: str | Path) -> Any:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


def _two_versions(cli: Any, tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    for number, text in ((1, V1), (2, V2)):
        source = tmp_path / f"communes-{number}.csv"
        source.write_text(text, encoding="utf-8")
        _ok(cli, "ingest", source, "--dataset", "communes", "--schema", schema)


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_diff_text_and_json(ready: Any, tmp_path: Path) -> None:
    _two_versions(ready, tmp_path)
    text = _ok(ready, "datasets", "diff", "communes", "1", "2").stdout
    assert "by primary key (code)" in text
    assert "+1 ajoutées / added · -1 supprimées / removed · ~1 modifiées / changed" in text
    assert "Champs modifiés / changed fields: population (1)" in text
    assert 'code="75056" | population: 2133111 → 2102650' in text
    assert 'code="31555" | code="31555", commune="Toulouse", population=504078' in text
    assert 'code="13055"' in text and "Traceback" not in text
    for flag in (("--format", "json"), ("--json",)):
        diff = json.loads(_ok(ready, "datasets", "diff", "communes", "1", "2", *flag).stdout)
        assert diff["rows"]["added"] == diff["rows"]["removed"] == diff["rows"]["changed"] == 1
        assert diff["changedFields"] == {"population": 1}
    same = _ok(ready, "datasets", "diff", "communes", "2", "2").stdout
    assert "Aucune différence. / No difference." in same
    chosen = _ok(ready, "datasets", "diff", "communes", "1", "2", "--key", "commune").stdout
    assert "by the chosen key (commune)" in chosen and "population (1)" in chosen
    refused = ready("datasets", "diff", "communes", "1", "2", "--key", "absente")
    assert refused.exit_code == 2 and "absente" in refused.stderr and "missing" in refused.stderr


def test_rollback_restores_content_and_keeps_history(
    ready: Any, home: Path, tmp_path: Path
) -> None:
    _two_versions(ready, tmp_path)
    lake = home / "lake" / "communes"
    history = _tree(lake)
    first = _ok(ready, "export", "communes", "--format", "csv", "--version", "1").stdout_bytes

    result = _ok(ready, "datasets", "rollback", "communes", "--to", "1")
    assert "Version 3 de « communes » créée : contenu de la version 1 (3 lignes)." in result.stdout
    assert "Version 3 of 'communes' created: content of version 1 (3 rows)." in result.stdout
    assert {k: v for k, v in _tree(lake).items() if not k.startswith("v3/")} == history
    assert _ok(ready, "export", "communes", "--format", "csv").stdout_bytes == first
    for fmt in ("parquet", "json"):
        a, b = tmp_path / f"v1.{fmt}", tmp_path / f"v3.{fmt}"
        _ok(ready, "export", "communes", "--format", fmt, "--version", "1", "-o", a)
        _ok(ready, "export", "communes", "--format", fmt, "--version", "3", "-o", b)
        assert a.read_bytes() == b.read_bytes()

    versions = json.loads(_ok(ready, "datasets", "versions", "communes", "--json").stdout)
    assert [(v["number"], v["rolledBackFrom"]) for v in versions] == [(1, None), (2, None), (3, 1)]
    assert versions[2]["sourceFilename"] == "communes-1.csv" and versions[2]["rows"] == 3
    listing = _ok(ready, "datasets", "versions", "communes").stdout.splitlines()
    assert listing[0].endswith("restaure / restores")
    assert listing[3].split("\t")[0] == "3" and listing[3].split("\t")[-1] == "1"
    assert listing[2].split("\t")[-1] == ""

    diff = json.loads(_ok(ready, "datasets", "diff", "communes", "1", "3", "--json").stdout)
    assert diff["identical"] is True
    shown = json.loads(_ok(ready, "datasets", "show", "communes", "--json").stdout)
    assert shown["latest"]["number"] == 3 and shown["rows"] == 3


def test_rollback_to_the_latest_content_creates_nothing(ready: Any, tmp_path: Path) -> None:
    _two_versions(ready, tmp_path)
    again = _ok(ready, "datasets", "rollback", "communes", "--to", "2")
    assert "aucune nouvelle version" in again.stdout and "no new version" in again.stdout
    _ok(ready, "datasets", "rollback", "communes", "--to", "1")
    twice = json.loads(_ok(ready, "datasets", "rollback", "communes", "--to", "1", "--json").stdout)
    assert twice["created"] is False and twice["version"]["number"] == 3
    # back to version 2's content: the latest (3) holds version 1's, so this one is new
    back = json.loads(_ok(ready, "datasets", "rollback", "communes", "--to", "2", "--json").stdout)
    assert back["created"] is True and back["version"]["rolledBackFrom"] == 2
    versions = json.loads(_ok(ready, "datasets", "versions", "communes", "--json").stdout)
    assert [v["number"] for v in versions] == [1, 2, 3, 4]


def test_unknown_versions_exit_2_bilingual_and_store_nothing(
    ready: Any, home: Path, tmp_path: Path
) -> None:
    _two_versions(ready, tmp_path)
    before = _tree(home / "lake")
    for args in (
        ("datasets", "diff", "communes", "1", "9"),
        ("datasets", "diff", "inconnu", "1", "2"),
        ("datasets", "rollback", "communes", "--to", "9"),
        ("datasets", "rollback", "inconnu", "--to", "1"),
        ("datasets", "diff", "communes", "1", "2", "--format", "xml"),
    ):
        result = ready(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Erreur" in result.stderr and "Error" in result.stderr
        assert "Traceback" not in result.output
    assert _tree(home / "lake") == before
    versions = json.loads(_ok(ready, "datasets", "versions", "communes", "--json").stdout)
    assert len(versions) == 2


def test_an_instance_behind_the_migrations_is_refused_until_init(ready: Any, home: Path) -> None:
    url = f"sqlite:///{home / 'territoria.db'}"
    engine = make_engine(url)
    try:
        command.downgrade(alembic_config(engine), "0001")
    finally:
        engine.dispose()
    refused = ready("datasets", "list")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert "territoria init" in refused.stderr and "0001" in refused.stderr
    _ok(ready, "init")
    assert _ok(ready, "datasets", "list", "--json").stdout.strip() == "[]"
