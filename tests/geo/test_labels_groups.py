"""``territoria territories import-group`` as a real process on a file built from INSEE's COG
2025 sample: codes of today's communes and of communes déléguées land on today's communes, the
wrong codes are reported with their rows, a re-import replaces, an unresolvable file stores
nothing; the group shows among a territory's labels."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.geography import Geography
from territoria.indicators.peers import UnknownGroupError
from territoria.services.territory_groups import import_group, imported_group

SAMPLE = Path(__file__).resolve().parents[1] / "data/samples/territoire/v_commune_2025.csv"
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
WRONG = ["2A999", "00000", "pas-un-code"]


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), *args]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120)


def _cog_rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("groups") / "home"
    done = _run(folder, "init")
    assert done.returncode == 0, done.stderr
    return folder


def test_codes_and_former_communes_resolve_and_wrong_codes_are_reported(
    home: Path, tmp_path: Path, geo: Geography
) -> None:
    rows = _cog_rows()
    corse = [r["COM"] for r in rows if r["TYPECOM"] == "COM" and r["DEP"] in ("2A", "2B")]
    former = [
        r for r in rows if r["TYPECOM"] == "COMD" and f"commune:{r['COMPARENT']}" in geo.by_id
    ][:5]
    values = [*corse[:50], *(r["COM"] for r in former), WRONG[0], "", *corse[50:], *WRONG[1:]]
    file = tmp_path / "ma-liste.csv"
    with file.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["nom", "code_insee"])
        writer.writerows([["x", value] for value in values])
    done = _run(
        home, "territories", "import-group", str(file), "--label", "corse", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    expected = {f"commune:{c}" for c in corse} | {f"commune:{r['COMPARENT']}" for r in former}
    assert report["members"] == len(expected) and report["column"] == "code_insee"
    wrong_rows = [values.index(code) + 2 for code in WRONG]  # header = row 1
    assert [(u["row"], u["value"]) for u in report["unresolved"]] == list(
        zip(wrong_rows, WRONG, strict=True)
    )
    assert (report["unresolvedCount"], report["blank"], report["replaced"]) == (3, 1, False)
    shown = _run(home, "territories", "show", f"commune:{corse[0]}", "--format", "json")
    assert {"id": "group:corse", "kind": "group", "title": {"fr": "corse", "en": "corse"}} in (
        json.loads(shown.stdout)["labels"]
    )


def test_spreadsheet_reimport_replaces_the_members(home: Path, tmp_path: Path) -> None:
    first = tmp_path / "premiere.csv"
    first.write_text("code_insee\n2A041\n2A004\n", encoding="utf-8")  # whatever ran before
    assert _run(home, "territories", "import-group", str(first), "--label", "corse").returncode == 0
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Territoire", "Population"])
    for value in ("commune:2A004", "departement:2B", "210100046", "commune:99999"):
        sheet.append([value, 1])
    file = tmp_path / "liste.xlsx"
    book.save(file)
    args = ("territories", "import-group", str(file), "--label", "corse", "--title", "Ma Corse")
    done = _run(home, *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["replaced"] and report["members"] == 3 and report["title"] == "Ma Corse"
    assert [(u["row"], u["value"]) for u in report["unresolved"]] == [(5, "commune:99999")]
    shown = json.loads(
        _run(home, "territories", "show", "commune:2A041", "--format", "json").stdout
    )
    assert "group:corse" not in {label["id"] for label in shown["labels"]}  # replaced
    ambérieu = json.loads(_run(home, "territories", "show", "commune:01004", "--json").stdout)
    assert "group:corse" in {label["id"] for label in ambérieu["labels"]}  # by its SIREN


def test_a_file_that_resolves_nothing_stores_nothing(home: Path, tmp_path: Path) -> None:
    file = tmp_path / "rien.csv"
    file.write_text("code\n99999\n2A999\n", encoding="utf-8")
    settings = Settings(home=home)
    with pytest.raises(UserError, match="no column of the file holds"):
        import_group(settings, file, "rien")
    args = ("territories", "import-group", str(file), "--label", "rien", "--column", "CODE")
    done = _run(home, *args)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "aucune des 2 valeurs" in done.stderr and "none of the 2 values" in done.stderr
    with pytest.raises(UnknownGroupError):
        imported_group(settings, "rien")
    with pytest.raises(UserError, match="invalid group label"):
        import_group(settings, file, "Pas Bon")
    with pytest.raises(UserError, match="column 'z' not in the file"):
        import_group(settings, file, "x", column="z")
