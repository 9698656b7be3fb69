"""validate and ingest over many files: folders, globs, JSON Lines, summary, worst exit code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
VALID = DATA / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"
INVALID = DATA / "samples" / "subventions" / "scdl-haute-garonne-datalocale-subvention.csv"
TRILIB = DATA / "samples" / "dechets" / "trilib-paris-2018.csv"
SCHEMA = ("--schema", "scdl/subventions")
BOX = set("┏┃━┡│└─")


def _folder(tmp_path: Path) -> Path:
    """A folder as users keep one: two tables, an empty export, a hidden file, notes."""
    folder = tmp_path / "depot"
    folder.mkdir()
    shutil.copy(VALID, folder / "b-valide.csv")
    shutil.copy(INVALID, folder / "a-haute-garonne.csv")
    (folder / "c-vide.csv").write_bytes(b"")
    shutil.copy(INVALID, folder / ".cache.csv")
    (folder / "notes.md").write_text("# pas des données\n")
    return folder


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _without_timing(report: dict[str, Any]) -> dict[str, Any]:
    report = json.loads(json.dumps(report))
    report.get("stats", {}).pop("seconds", None)
    for task in report.get("tasks", []):
        task["stats"].pop("seconds")
    return report


def test_folder_sorted_supported_files_only_worst_exit(cli: Any, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = cli("validate", folder, *SCHEMA, "--format", "json")
    assert result.exit_code == 2, result.output
    lines = _lines(result.stdout)
    names = [Path(line["path"]).name for line in lines]
    assert names == ["a-haute-garonne.csv", "b-valide.csv", "c-vide.csv"]
    assert [line["exitCode"] for line in lines] == [1, 0, 2]
    assert lines[0]["stats"]["errors"] > 0 and lines[1]["valid"] is True
    assert lines[2]["error"]["error_code"] == "unreadable-file"
    assert "c-vide.csv" in result.stderr and "Erreur" in result.stderr


def test_json_lines_equal_the_single_file_reports(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "deux"
    folder.mkdir()
    (folder / "vide.csv").write_bytes(b"")  # unusable: its error travels back from a worker
    files = [shutil.copy(VALID, folder / "valide.csv"), shutil.copy(INVALID, folder / "hg.csv")]
    files.append(folder / "vide.csv")
    singles = {}
    for path in files:
        one = cli("validate", path, *SCHEMA, "--format", "json")
        (line,) = _lines(one.stdout)
        singles[line["path"]] = _without_timing(line)
    nothing = str(folder / "aucun-*.csv")
    for jobs in ("1", "2"):  # in this process, and shared with a worker process
        many = cli("validate", folder, nothing, *SCHEMA, "--format", "json", "--jobs", jobs)
        assert many.exit_code == 2, many.output
        *reports, unmatched = _lines(many.stdout)
        assert {line["path"]: _without_timing(line) for line in reports} == singles
        assert unmatched["path"] == nothing and unmatched["exitCode"] == 2


def test_quoted_glob_and_a_pattern_matching_nothing(cli: Any, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = cli("validate", f"{folder}/*-*.csv", f"{folder}/nope-*.csv", *SCHEMA, "--json")
    assert result.exit_code == 2, result.output
    lines = _lines(result.stdout)
    assert [Path(line["path"]).name for line in lines] == [
        "a-haute-garonne.csv",
        "b-valide.csv",
        "c-vide.csv",
        "nope-*.csv",
    ]
    assert lines[-1]["error"]["message"] == "no file matches this pattern"
    assert "aucun fichier ne correspond" in result.stderr


def test_several_files_one_missing_others_reported(cli: Any, tmp_path: Path) -> None:
    missing = tmp_path / "absent.csv"
    result = cli("validate", VALID, missing, VALID, *SCHEMA)
    assert result.exit_code == 2, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["fichier / file", "lignes / rows", "erreurs / errors", "verdict"]
    assert rows[1][0] == str(VALID) and rows[1][3] == "VALIDE"
    assert rows[2] == [str(missing), "", "", "INUTILISABLE"]
    assert len(rows) == 3  # a file named twice is validated once
    assert "absent.csv" in result.stderr and "Traceback" not in result.output


def test_summary_boxed_on_a_terminal_plain_when_piped(cli: Any, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    piped = cli("validate", folder, *SCHEMA, "--lang", "en")
    assert not BOX & set(piped.stdout)
    assert piped.stdout.splitlines()[1].split("\t")[1:] == ["69", "387", "INVALID"]
    shown = cli.runner.invoke(
        cli.app,
        ["--home", str(cli.home), "validate", str(folder), *SCHEMA, "--lang", "en"],
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"},
    )
    assert shown.exit_code == 2
    assert set(shown.stdout) >= BOX and "\t" not in shown.stdout
    assert "3 file(s): 1 valid, 1 invalid, 1 unusable." in shown.stdout


def test_one_file_keeps_its_full_report(cli: Any) -> None:
    result = cli("validate", INVALID, *SCHEMA, "--lang", "en")
    assert result.exit_code == 1
    assert "INVALID" in result.stdout and "Row " in result.stdout and "\t" not in result.stdout


def test_schema_file_next_to_the_data_is_not_data(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "avec-schema"
    folder.mkdir()
    shutil.copy(VALID, folder / "valide.csv")
    schema = folder / "schema.json"
    fields = [{"name": "a", "type": "string"}]
    schema.write_text(json.dumps({"fields": fields}))
    result = cli("validate", folder, "--schema", schema, "--format", "json")
    assert [Path(line["path"]).name for line in _lines(result.stdout)] == ["valide.csv"]


def test_ingest_dataset_from_name_each_file_its_dataset(ready: Any, tmp_path: Path) -> None:
    folder = tmp_path / "publications"
    folder.mkdir()
    shutil.copy(VALID, folder / "Subventions 2024.csv")
    shutil.copy(INVALID, folder / "Haute-Garonne (2017).csv")
    (folder / "vide.csv").write_bytes(b"")
    result = ready("ingest", folder, "--dataset-from-name", *SCHEMA, "--format", "json")
    assert result.exit_code == 2, result.output
    lines = _lines(result.stdout)
    by_dataset = {line.get("dataset"): line for line in lines}
    assert by_dataset["subventions-2024"]["created"] is True
    assert by_dataset["subventions-2024"]["version"] == 1
    assert by_dataset["haute-garonne-2017"]["exitCode"] == 1
    assert by_dataset["haute-garonne-2017"]["error"]["error_code"] == "invalid-data"
    assert by_dataset["vide"]["exitCode"] == 2
    listed = json.loads(ready("datasets", "list", "--format", "json").stdout)
    assert [row["slug"] for row in listed] == ["subventions-2024"]


def test_ingest_one_dataset_versions_in_order(ready: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "2017.csv", tmp_path / "2018.csv"
    shutil.copy(TRILIB, first)
    lines = TRILIB.read_text(encoding="utf-8").splitlines(keepends=True)
    second.write_text("".join(lines[:-1]), encoding="utf-8")
    result = ready("ingest", first, second, "--dataset", "trilib")
    assert result.exit_code == 0, result.output
    table = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[1:3] for row in table[1:]] == [["trilib", "1"], ["trilib", "2"]]
    versions = json.loads(ready("datasets", "versions", "trilib", "--json").stdout)
    assert [v["sourceFilename"] for v in versions] == ["2017.csv", "2018.csv"]


def test_ingest_versions_stop_at_the_first_failure(ready: Any, tmp_path: Path) -> None:
    broken = tmp_path / "vide.csv"
    broken.write_bytes(b"")
    result = ready("ingest", VALID, broken, VALID, INVALID, "--dataset", "subv", *SCHEMA, "--json")
    assert result.exit_code == 2, result.output
    lines = _lines(result.stdout)
    assert [line["exitCode"] for line in lines] == [0, 2, 2]  # VALID named twice: once
    skipped = lines[2]["error"]
    assert skipped["error_code"] == "skipped" and "vide.csv" in skipped["message"]
    versions = json.loads(ready("datasets", "versions", "subv", "--json").stdout)
    assert len(versions) == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ((), "--dataset-from-name"),
        (("--dataset", "x", "--dataset-from-name"), "--dataset-from-name"),
        (("--dataset", "x", "--format", "csv"), "--file-format"),
    ],
)
def test_ingest_usage_errors_exit_2(ready: Any, args: tuple[str, ...], named: str) -> None:
    result = ready("ingest", VALID, *args)
    assert result.exit_code == 2, result.output
    assert named in result.stderr and "Erreur" in result.stderr and "Error" in result.stderr


def test_datasets_format_json_and_its_old_spelling(ready: Any) -> None:
    assert ready("ingest", VALID, "--dataset", "subv").exit_code == 0
    new = ready("datasets", "show", "subv", "--format", "json")
    old = ready("datasets", "show", "subv", "--json")
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert json.loads(new.stdout)["slug"] == "subv"
    listed = ready("datasets", "list")
    assert listed.stdout.splitlines()[0].startswith("slug\ttitre / title")
    bad = ready("datasets", "list", "--format", "yaml")
    assert bad.exit_code == 2 and "yaml" in bad.stderr


def test_schema_infer_text_lists_fields(cli: Any) -> None:
    result = cli("schema", "infer", TRILIB, "--format", "text")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][:2] == ["champ / field", "type"]
    assert [row[0] for row in rows[1:3]] == ["fillingLimit", "name"]
