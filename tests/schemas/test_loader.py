"""Loading schemas: every bundled schema, round trips, and bilingual errors for bad schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from territoria.errors import SchemaError
from territoria.schemas import Field, Schema, list_bundled, load_schema

BUNDLED = list_bundled()
EXPECTED_NAMES = {
    "scdl/subventions", "scdl/deliberations", "scdl/equipements", "scdl/budget",
    "scdl/catalogue", "scdl/prenoms", "scdl/menus-collectifs", "irve-statique",
    "irve-dynamique", "lieux-covoiturage", "stationnement", "decp-dpa",
}  # fmt: skip


def test_registry_holds_the_national_table_schemas() -> None:
    names = {item.name for item in BUNDLED}
    assert names >= EXPECTED_NAMES
    assert len(names) == 26
    assert not names & {"decp-marches-publics", "amenagements-cyclables", "zfe"}
    subventions = next(item for item in BUNDLED if item.name == "scdl/subventions")
    assert subventions.title == "Subventions" and subventions.version == "2.1.1"


@pytest.mark.parametrize("name", [item.name for item in BUNDLED])
def test_bundled_schema_loads_and_round_trips(name: str) -> None:
    schema = load_schema(name)
    bundled = next(item for item in BUNDLED if item.name == name)
    assert schema.field_names
    assert schema.to_dict() == json.loads(bundled.path.read_text(encoding="utf-8"))
    assert load_schema(schema.to_dict()) == schema


def test_model_details() -> None:
    schema = load_schema("scdl/subventions")
    assert schema.metadata["title"] == "Subventions"
    assert load_schema("scdl-subventions") == schema
    stations = load_schema("stations-taxi")
    assert stations.missing_values == ("", "null")
    assert stations.primary_key == ("id",)
    assert stations.to_dict()["primaryKey"] == "id"
    boolean = next(f for f in load_schema("irve-statique").fields if f.type == "boolean")
    assert boolean.true_values and boolean.false_values


def test_v2_descriptor() -> None:
    descriptor: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "name": "un nom avec des espaces",
        "fields": [
            {
                "name": "code",
                "type": "string",
                "constraints": {"required": True, "pattern": "[0-9]{5}"},
            },
            {
                "name": "montant",
                "type": "number",
                "decimalChar": ",",
                "groupChar": " ",
                "missingValues": [{"value": "NC", "label": "non communiqué"}],
            },
            {"name": "tags", "type": "list", "delimiter": ";", "itemType": "integer"},
            {
                "name": "jour",
                "type": "date",
                "format": "%d/%m/%Y",
                "constraints": {"minimum": "01/01/2000", "exclusiveMaximum": "01/01/2100"},
            },
        ],
        "missingValues": ["", "-"],
        "primaryKey": ["code"],
        "uniqueKeys": [["code", "jour"]],
        "fieldsMatch": "subset",
    }
    schema = load_schema(descriptor)
    assert schema.fields_match == "subset"
    assert schema.unique_keys == (("code", "jour"),)
    assert schema.missing_values_for("montant") == ("NC",)
    assert schema.missing_values_for("code") == ("", "-")
    assert schema.get_field("tags").item_type == "integer"
    assert schema.get_field("jour").constraints.minimum == "01/01/2000"
    assert schema.to_dict() == descriptor


def test_built_model_serialises_without_defaults() -> None:
    schema = Schema(fields=(Field("a"), Field("b", "number", decimal_char=",")))
    assert schema.to_dict() == {
        "fields": [
            {"name": "a", "type": "string"},
            {"name": "b", "type": "number", "decimalChar": ","},
        ]
    }


def one_field(**field: Any) -> dict[str, Any]:
    return {"fields": [{"name": "x", **field}]}


BAD: list[tuple[str, Any, str]] = [
    ("unknown type", one_field(type="texte"), "texte"),
    ("bad pattern", one_field(constraints={"pattern": "[0-9"}), "pattern"),
    ("lookahead", one_field(constraints={"pattern": "(?=a)a"}), "RE2"),
    ("backreference", one_field(constraints={"pattern": r"(a)\1"}), "RE2"),
    ("duplicate", {"fields": [{"name": "x"}, {"name": "x"}]}, "x"),
    ("pk unknown", {"fields": [{"name": "x"}], "primaryKey": ["y"]}, "y"),
    ("fields not a list", {"fields": {"name": "x"}}, "fields"),
    ("no fields", {"title": "vide"}, "fields"),
    ("field without name", {"fields": [{"type": "string"}]}, "name"),
    ("wrong constraint type", one_field(constraints={"required": "oui"}), "required"),
    ("min length negative", one_field(constraints={"minLength": -1}), "minLength"),
    ("unsupported", one_field(type="integer", constraints={"pattern": "[0-9]+"}), "pattern"),
    ("bad minimum", one_field(type="integer", constraints={"minimum": "deux"}), "minimum"),
    ("bad date bound", one_field(type="date", constraints={"maximum": "31/12/2024"}), "maximum"),
    ("date format", one_field(type="date", format="dd/mm/yyyy"), "dd/mm/yyyy"),
    ("string format", one_field(format="courriel"), "courriel"),
    ("true values", one_field(type="boolean", trueValues="oui"), "trueValues"),
    ("fields match", {"fields": [{"name": "x"}], "fieldsMatch": "parfois"}, "parfois"),
    ("not an object", [1, 2], "JSON"),
]


@pytest.mark.parametrize(("case", "descriptor", "mentioned"), BAD, ids=[b[0] for b in BAD])
def test_bad_schema_is_a_bilingual_schema_error(
    case: str, descriptor: Any, mentioned: str, tmp_path: Path
) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_schema(path)
    error = caught.value
    assert error.path == str(path)
    assert mentioned in error.message_fr and mentioned in error.message_en
    assert error.message_fr != error.message_en
    assert str(path) in str(error)


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "schema.json"
    path.write_text('{"fields": [\n  {"name": "x",}\n]}', encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_schema(path)
    assert "JSON" in caught.value.message_fr and "JSON" in caught.value.message_en
    assert caught.value.line == 2


def test_yaml_schema(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    path = tmp_path / "schema.yaml"
    path.write_text("fields:\n  - name: x\n    type: integer\n", encoding="utf-8")
    assert load_schema(path).fields[0].type == "integer"


def test_unknown_bundled_name_suggests_close_names() -> None:
    with pytest.raises(SchemaError) as caught:
        load_schema("scdl/subvention")
    error = caught.value
    assert "scdl/subventions" in (error.hint_fr or "") and "scdl/subventions" in (
        error.hint_en or ""
    )
    assert error.details["suggestions"][0] == "scdl/subventions"


def test_missing_file() -> None:
    with pytest.raises(SchemaError, match="introuvable"):
        load_schema("./nulle-part/schema.json")


def test_error_names_the_field(tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as caught:
        load_schema({"fields": [{"name": "montant", "type": "nombre"}]})
    assert "montant" in caught.value.message_fr and "montant" in caught.value.message_en
