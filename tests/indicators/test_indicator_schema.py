"""The committed JSON Schema is the one the model generates, and every shipped spec fits it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from indicator_fixtures import SPECS

from territoria.indicators import json_schema

PACKS = Path(__file__).parents[2] / "src" / "territoria" / "packs"


def test_the_committed_schema_is_regenerated_identically(tmp_path: Path) -> None:
    target = tmp_path / "indicator.schema.json"
    assert json_schema.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == json_schema.SCHEMA_PATH.read_text(encoding="utf-8")


def test_every_spec_validates_against_the_schema_and_an_unknown_key_does_not() -> None:
    schema = json.loads(json_schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = [*SPECS.glob("*.yaml"), *PACKS.glob("*/indicators/*.yaml")]
    assert len(files) >= 6
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(document)) == [], path
    document = yaml.safe_load((SPECS / "tonnes.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors({**document, "colour": "red"}))
    assert list(validator.iter_errors({**document, "numerator": {"colum": "x"}}))
