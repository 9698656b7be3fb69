"""frictionless as an oracle: same (type, rowNumber, fieldName) triples, file by file.

Every bundled national schema with an example file is checked on the example as published,
then on deliberately broken variants of it (bad types, empty required cells, ragged rows,
blank rows, wrong labels, duplicated rows), written by the test.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

import pytest
from oracle import frictionless_triples, ours

DATA = Path(__file__).parent.parent / "data" / "schemas"
BUNDLED = Path(__file__).parent.parent.parent / "src" / "territoria" / "schemas" / "bundled"


def _examples() -> list[tuple[Path, Path]]:
    pairs = []
    for example in sorted(DATA.rglob("exemple-*.csv")):
        relative = example.parent.relative_to(DATA)
        schema = BUNDLED / relative / "schema.json"
        if schema.exists():
            pairs.append((example, schema))
    return pairs


EXAMPLES = _examples()
IDS = [f"{e.parent.name}-{e.stem}" for e, _ in EXAMPLES]


def _read(path: Path) -> tuple[list[list[str]], str]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter)), delimiter


def _write(path: Path, rows: list[list[str]], delimiter: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return path


def _break(rows: list[list[str]], seed: int) -> list[list[str]]:
    """A variant with damage: junk cells, empty cells, ragged, blank and duplicate rows."""
    rng = random.Random(seed)
    header, body = rows[0], [list(r) for r in rows[1:] if r]
    for row in body:
        for index in range(len(row)):
            roll = rng.random()
            if roll < 0.06:
                row[index] = rng.choice(["NC", "12,5", "25/12/2024", "-1", "x@", "9999999", " 1"])
            elif roll < 0.10:
                row[index] = ""
    if len(body) > 3:
        body[1] = body[1][:-1]
        body[2] = [*body[2], "extra"]
        body.insert(3, [""] * len(header))
        body.append(list(body[0]))
    return [header, *body]


def _compare(path: Path, schema: dict[str, Any], delimiter: str, scratch: Path) -> None:
    report = ours(path, schema, scratch, delimiter=delimiter, header_row=1)
    expected = frictionless_triples(path, schema, delimiter)
    assert report.triples() == expected
    assert report.error_count == len(expected)


@pytest.mark.parametrize("example,schema_path", EXAMPLES, ids=IDS)
def test_examples_as_published(example: Path, schema_path: Path, scratch: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    _, delimiter = _read(example)
    _compare(example, schema, delimiter, scratch)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("example,schema_path", EXAMPLES, ids=IDS)
def test_broken_variants(
    example: Path, schema_path: Path, seed: int, tmp_path: Path, scratch: Path
) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    rows, delimiter = _read(example)
    broken = _write(tmp_path / "broken.csv", _break(rows, seed), delimiter)
    _compare(broken, schema, delimiter, scratch)


def test_wrong_labels(tmp_path: Path, scratch: Path) -> None:
    schema = {
        "fields": [
            {"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "n", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "d", "type": "date"},
        ]
    }
    rows = [
        ["code", "N", "code", "bonus"],
        ["a", "1", "x", "y"],
        ["a", "-2", "", ""],
        ["", "", ""],
        ["b", "3", "2024-02-30", ""],
    ]
    path = _write(tmp_path / "labels.csv", rows, ",")
    _compare(path, schema, ",", scratch)


def test_primary_key_and_missing_values(tmp_path: Path, scratch: Path) -> None:
    schema = {
        "fields": [
            {"name": "dep", "type": "string"},
            {"name": "annee", "type": "year"},
            {"name": "montant", "type": "number", "decimalChar": ",", "groupChar": " "},
            {"name": "actif", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        ],
        "primaryKey": ["dep", "annee"],
        "missingValues": ["", "NC"],
    }
    rows = [
        ["dep", "annee", "montant", "actif"],
        ["01", "2020", "1 234,5", "oui"],
        ["01", "2020", "12.5", "peut-être"],
        ["2A", "20", "NC", "non"],
        ["NC", "NC", "1", "oui"],
        ["01", "2021", "-3,25", "non"],
    ]
    path = _write(tmp_path / "pk.csv", rows, ";")
    _compare(path, schema, ";", scratch)
