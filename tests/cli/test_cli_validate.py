"""validate and schema infer through the real CLI: exit codes, JSON report, unusable inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
VALID = DATA / "schemas" / "scdl" / "subventions" / "exemple-valide.csv"
INVALID = DATA / "samples" / "subventions" / "scdl-haute-garonne-datalocale-subvention.csv"
TRILIB = DATA / "samples" / "dechets" / "trilib-paris-2018.csv"


def test_valid_file_exits_0(cli: Any) -> None:
    result = cli("validate", VALID, "--schema", "scdl/subventions")
    assert result.exit_code == 0, result.output
    assert "VALIDE" in result.stdout


def test_invalid_file_exits_1_with_json_report(cli: Any) -> None:
    result = cli("validate", INVALID, "--schema", "scdl/subventions", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["stats"]["errors"] > 0
    errors = report["tasks"][0]["errors"]
    assert errors and {"type", "message"} <= set(errors[0])
    row_errors = [e for e in errors if "rowNumber" in e and "fieldName" in e]
    assert row_errors and all(isinstance(e["rowNumber"], int) for e in row_errors)


def test_text_report_groups_by_row(cli: Any) -> None:
    result = cli("validate", INVALID, "--schema", "scdl/subventions", "--lang", "en")
    assert result.exit_code == 1
    assert "INVALID" in result.stdout and "Row " in result.stdout


def test_schema_infer_prints_json(cli: Any) -> None:
    result = cli("schema", "infer", TRILIB)
    assert result.exit_code == 0, result.output
    assert [f["name"] for f in json.loads(result.stdout)["fields"]][:2] == ["fillingLimit", "name"]


def _unusable(tmp_path: Path, kind: str) -> tuple[list[str], str]:
    if kind == "empty":
        path = tmp_path / "vide.csv"
        path.write_bytes(b"")
        return [str(path)], "vide.csv"
    if kind == "binary":
        path = tmp_path / "image.csv"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
        return [str(path)], "image.csv"
    if kind == "unknown-schema":
        return [str(VALID), "--schema", "scdl/subventionz"], "scdl/subventionz"
    if kind == "bad-schema":
        path = tmp_path / "schema.json"
        path.write_text("{ not json")
        return [str(VALID), "--schema", str(path)], "schema.json"
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n")
    return [str(path), "--file-format", "docx"], "docx"


@pytest.mark.parametrize("kind", ["empty", "binary", "unknown-schema", "bad-schema", "format"])
def test_unusable_input_exits_2_bilingual(cli: Any, tmp_path: Path, kind: str) -> None:
    args, named = _unusable(tmp_path, kind)
    result = cli("validate", *args)
    assert result.exit_code == 2, result.output
    assert "Erreur" in result.stderr and "Error" in result.stderr
    assert named in result.stderr
    assert "Traceback" not in result.output


def test_a_bad_setting_exits_2_naming_it(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERRITORIA_THREADS", "plusieurs")
    result = cli("validate", VALID)
    assert result.exit_code == 2, result.output
    assert "TERRITORIA_THREADS" in result.output and "Traceback" not in result.output
