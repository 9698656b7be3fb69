"""The committed JSON Schemas of pack.yaml and dashboard.yaml are the models' own, and every
bundled pack validates against them (what a pack author's editor checks)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from territoria.packs import json_schema
from territoria.packs.registry import list_packs


def test_committed_schemas_are_regenerated_identically(tmp_path: Path) -> None:
    assert json_schema.main([str(tmp_path)]) == 0
    for name in json_schema.SCHEMAS:
        committed = (json_schema.FOLDER / name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == committed, name


@pytest.mark.parametrize("pack", [p.id for p in list_packs()])
def test_bundled_packs_validate_against_the_schemas(pack: str) -> None:
    folder = json_schema.FOLDER / pack
    for name, file in (
        ("pack.schema.json", "pack.yaml"),
        ("dashboard.schema.json", "dashboard.yaml"),
    ):
        schema = json.loads((json_schema.FOLDER / name).read_text(encoding="utf-8"))
        document = yaml.safe_load((folder / file).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)


def test_an_unknown_key_is_refused_by_the_schema() -> None:
    schema = json.loads((json_schema.FOLDER / "pack.schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {
                "id": "x",
                "version": "1",
                "title": {"fr": "a", "en": "b"},
                "datasets": {},
                "colour": 1,
            },
            schema,
        )
