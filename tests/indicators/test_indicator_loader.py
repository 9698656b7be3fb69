"""Loader and rules: bad specs get ERROR issues with their file and line and are not loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from indicator_fixtures import SPECS

from territoria.indicators.loader import load_specs

GOOD = (SPECS / "kg-par-habitant.yaml").read_text(encoding="utf-8")
PACKS = Path(__file__).parents[2] / "src" / "territoria" / "packs"


def _write(folder: Path, name: str, text: str) -> Path:
    target = folder / "demo" / "indicators" / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_fixture_and_pack_specs_load_without_issue() -> None:
    folders = [SPECS, *sorted(PACKS.glob("*/indicators"))]
    result = load_specs(folders)
    assert [issue.render() for issue in result.issues] == []
    assert len(result.specs) >= 6
    assert {"demo.tonnes", "demo.tonnes-par-foyer"} <= {spec.id for spec in result.specs}


BAD = [
    (
        "unknown-field",
        GOOD.replace("polarity: neutral", "polarity: neutral\ncolour: red"),
        "colour: red",
    ),
    (
        "unknown-field",
        GOOD.replace("per: 1\n", "per: 1\nnumerator_filter: x\n"),
        "numerator_filter",
    ),
    (
        "missing-denominator",
        GOOD.replace("denominator: {population: inhabitants}\n", ""),
        "kind: rate",
    ),
    ("missing-per", GOOD.replace("per: 1\n", ""), "kind: rate"),
    ("invalid-expr", GOOD.replace("tonnes * 1000", "read_csv('/etc/passwd')"), "numerator:"),
    ("invalid-expr", GOOD.replace("tonnes * 1000", "tonnes *"), "numerator:"),
    ("invalid-expr", GOOD.replace("tonnes * 1000", "(SELECT 1) + tonnes"), "numerator:"),
    ("undeclared-period-format", GOOD + 'targets: [{period: "2030-06", value: 3}]\n', "targets:"),
    ("invalid-value", GOOD.replace("granularity: year", "granularity: week"), "granularity"),
    ("duplicate-dimension", GOOD.replace("[type]", "[type, type]"), "dimensions:"),
    ("reserved-dimension", GOOD.replace("[type]", "[valeur]"), "dimensions:"),
    ("invalid-measure", GOOD.replace('{expr: "tonnes * 1000"}', "{colum: tonnes}"), "numerator:"),
    (
        "invalid-filter-value",
        GOOD + "filters: [{column: type, op: in, value: verre}]\n",
        "filters:",
    ),
    ("id-file-mismatch", GOOD.replace("id: demo.kg-par-habitant", "id: demo.autre"), "id:"),
    ("invalid-id", GOOD.replace("id: demo.kg-par-habitant", "id: Demo_KG"), "id:"),
    ("duplicate-key", GOOD + "kind: sum\n", "kind: sum"),
    ("unexpected-denominator", GOOD.replace("kind: rate", "kind: sum"), "denominator:"),
]


@pytest.mark.parametrize(
    ("code", "text", "needle"), BAD, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(BAD)]
)
def test_a_bad_spec_gets_an_error_on_its_line_and_is_not_loaded(
    tmp_path: Path, code: str, text: str, needle: str
) -> None:
    path = _write(tmp_path, "kg-par-habitant", text)
    result = load_specs([path.parent])
    assert result.specs == []
    found = [issue for issue in result.issues if issue.code == code]
    assert found, [issue.render() for issue in result.issues]
    assert found[0].level == "ERROR"
    assert found[0].file == str(path)
    assert found[0].line == _line_of(text, needle)
    assert found[0].message_fr and found[0].message_en


def test_a_ratio_without_denominator_is_refused(tmp_path: Path) -> None:
    text = (SPECS / "tonnes-par-foyer.yaml").read_text(encoding="utf-8")
    text = text.replace("denominator: {column: foyers}\n", "")
    path = _write(tmp_path, "tonnes-par-foyer", text)
    _write(tmp_path, "tonnes", (SPECS / "tonnes.yaml").read_text(encoding="utf-8"))
    result = load_specs([path.parent])
    assert [spec.id for spec in result.specs] == ["demo.tonnes"]
    (issue,) = result.errors
    assert (issue.code, issue.file, issue.line) == (
        "missing-denominator",
        str(path),
        _line_of(text, "kind:"),
    )


def test_a_reference_cycle_fails_every_spec_on_it(tmp_path: Path) -> None:
    tonnes = (
        (SPECS / "tonnes.yaml")
        .read_text(encoding="utf-8")
        .replace("numerator: {column: tonnes}", "numerator: {indicator: demo.tonnes-par-foyer}")
    )
    ratio = (SPECS / "tonnes-par-foyer.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "tonnes", tonnes.replace("dimensions: [type]\n", ""))
    path = _write(tmp_path, "tonnes-par-foyer", ratio)
    result = load_specs([path.parent])
    assert result.specs == []
    cycles = [issue for issue in result.issues if issue.code == "reference-cycle"]
    assert len(cycles) == 2
    assert all(
        issue.line == _line_of(ratio, "numerator:") for issue in cycles if issue.file == str(path)
    )
    assert "demo.tonnes → demo.tonnes-par-foyer → demo.tonnes" in " ".join(
        i.message_en for i in cycles
    )


def test_an_unknown_reference_and_its_dependants_are_not_loaded(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "tonnes-par-foyer", (SPECS / "tonnes-par-foyer.yaml").read_text(encoding="utf-8")
    )
    result = load_specs([path.parent])
    assert result.specs == []
    (issue,) = result.errors
    assert issue.code == "unknown-reference" and "demo.tonnes" in issue.message_fr


def test_a_reference_to_a_failing_spec_is_not_loaded(tmp_path: Path) -> None:
    broken = (
        (SPECS / "tonnes.yaml")
        .read_text(encoding="utf-8")
        .replace("kind: sum", "kind: sum\nfoo: 1")
    )
    _write(tmp_path, "tonnes", broken)
    path = _write(
        tmp_path, "tonnes-par-foyer", (SPECS / "tonnes-par-foyer.yaml").read_text(encoding="utf-8")
    )
    result = load_specs([path.parent])
    assert result.specs == []
    assert {issue.code for issue in result.errors} == {"unknown-field", "unknown-reference"}


def test_a_reference_missing_a_dimension_is_incompatible(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "tonnes",
        (SPECS / "tonnes.yaml").read_text(encoding="utf-8").replace("dimensions: [type]\n", ""),
    )
    path = _write(
        tmp_path, "tonnes-par-foyer", (SPECS / "tonnes-par-foyer.yaml").read_text(encoding="utf-8")
    )
    result = load_specs([path.parent])
    assert [spec.id for spec in result.specs] == ["demo.tonnes"]
    assert [issue.code for issue in result.errors] == ["incompatible-reference"]


def test_malformed_yaml_is_placed_on_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("kind: rate", "kind: [rate")
    path = _write(tmp_path, "kg-par-habitant", text)
    (issue,) = load_specs([path]).issues
    assert issue.code == "invalid-yaml" and issue.file == str(path)
    assert issue.line is not None and issue.line >= _line_of(text, "kind:")
