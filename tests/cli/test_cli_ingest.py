"""ingest, datasets and export through the real CLI, checked on disk with DuckDB and calamine."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
from python_calamine import CalamineWorkbook

DATA = Path(__file__).resolve().parents[1] / "data"
VALID = DATA / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"
INVALID = DATA / "samples" / "subventions" / "scdl-haute-garonne-datalocale-subvention.csv"
TRILIB = DATA / "samples" / "dechets" / "trilib-paris-2018.csv"


def _versions(cli: Any, slug: str) -> list[dict[str, Any]]:
    result = cli("datasets", "versions", slug, "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def _lake(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in (home / "lake").rglob("*"))


def test_versions_dedupe_and_change(ready: Any, tmp_path: Path) -> None:
    source = tmp_path / "trilib.csv"
    shutil.copy(TRILIB, source)
    assert ready("ingest", source, "--dataset", "trilib", "--org", "217500016").exit_code == 0
    again = ready("ingest", source, "--dataset", "trilib")
    assert again.exit_code == 0 and "aucune nouvelle version" in again.stdout
    assert [v["number"] for v in _versions(ready, "trilib")] == [1]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join(lines[:-1]), encoding="utf-8")
    assert ready("ingest", source, "--dataset", "trilib").exit_code == 0
    versions = _versions(ready, "trilib")
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[1]["rows"] == versions[0]["rows"] - 1
    listed = json.loads(ready("datasets", "list", "--json").stdout)
    assert listed[0]["slug"] == "trilib" and listed[0]["organisation"] == "217500016"


def test_invalid_refused_nothing_stored(ready: Any, home: Path) -> None:
    first = ready("ingest", VALID, "--dataset", "subv", "--schema", "scdl/subventions")
    assert first.exit_code == 0
    before = _lake(home)
    result = ready("ingest", INVALID, "--dataset", "subv", "--schema", "scdl/subventions")
    assert result.exit_code == 1
    assert "INVALIDE" in result.stdout and "Erreur" in result.stderr
    assert [v["number"] for v in _versions(ready, "subv")] == [1]
    assert _lake(home) == before


def test_quarantine_keeps_invalid_rows_aside(ready: Any, home: Path) -> None:
    args = ("--dataset", "hg", "--schema", "scdl/subventions", "--quarantine")
    assert ready("ingest", INVALID, *args).exit_code == 0
    version = _versions(ready, "hg")[0]
    folder = home / "lake" / "hg" / "v1"
    con = duckdb.connect()
    aside = str(folder / "quarantine.parquet")
    rows = con.execute("SELECT count(*) FROM read_parquet(?)", [aside])
    assert rows.fetchone() == (version["invalidRows"],)
    numbers = con.execute("SELECT rowNumber FROM read_parquet(?)", [aside])
    assert min(n for (n,) in numbers.fetchall()) >= 2
    data = con.execute("SELECT count(*) FROM read_parquet(?)", [str(folder / "data.parquet")])
    assert data.fetchone() == (version["rows"],)
    assert json.loads((folder / "report.json").read_text())["valid"] is False


def test_exports_round_trip_and_neutralise(ready: Any, home: Path, tmp_path: Path) -> None:
    source = tmp_path / "formules.csv"
    source.write_text("nom,montant\n=1+2,10\n@SUM(A1),20\nsimple,30\n-3,40\n", encoding="utf-8")
    schema = _schema(tmp_path)
    assert ready("ingest", source, "--dataset", "formules", "--schema", schema).exit_code == 0
    stored = (
        duckdb.connect()
        .execute(
            "SELECT nom, montant FROM read_parquet(?)",
            [str(home / "lake/formules/v1/data.parquet")],
        )
        .fetchall()
    )
    assert stored == [("=1+2", 10), ("@SUM(A1)", 20), ("simple", 30), ("-3", 40)]
    expected = [("'=1+2", 10), ("'@SUM(A1)", 20), ("simple", 30), ("'-3", 40)]

    out = ready("export", "formules", "--format", "csv")
    assert out.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0] == ["nom", "montant"]
    assert [(a, int(b)) for a, b in rows[1:]] == expected

    for fmt in ("json", "parquet", "xlsx"):
        target = tmp_path / f"export.{fmt}"
        assert ready("export", "formules", "--format", fmt, "-o", target).exit_code == 0
    records = json.loads((tmp_path / "export.json").read_text())
    assert [(r["nom"], r["montant"]) for r in records] == stored
    parquet = duckdb.connect().execute(
        "SELECT nom, montant FROM read_parquet(?)", [str(tmp_path / "export.parquet")]
    )
    assert parquet.fetchall() == stored
    sheet = CalamineWorkbook.from_path(str(tmp_path / "export.xlsx")).get_sheet_by_index(0)
    cells = sheet.to_python()
    assert cells[0] == ["nom", "montant"]
    assert [(a, int(b)) for a, b in cells[1:]] == expected

    geo = ready("export", "formules", "--format", "geojson")
    assert geo.exit_code == 2 and "géométrie" in geo.stderr and "geometry" in geo.stderr


def _schema(tmp_path: Path) -> str:
    path = tmp_path / "schema.json"
    fields = [{"name": "nom", "type": "string"}, {"name": "montant", "type": "integer"}]
    path.write_text(json.dumps({"fields": fields}))
    return str(path)


def test_unknown_dataset_exits_2(ready: Any) -> None:
    result = ready("datasets", "show", "nope")
    assert result.exit_code == 2 and "nope" in result.stderr
