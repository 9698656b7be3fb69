"""Schema inference on hand-made French columns and on real published files."""

from __future__ import annotations

import csv
from pathlib import Path

from territoria.schemas import Field, infer_schema, load_schema
from territoria.schemas.types import INVALID, parse_cell

DATA = Path(__file__).parents[1] / "data"


def infer_one(label: str, cells: list[str | None]) -> Field:
    return infer_schema([label], [[cell] for cell in cells]).fields[0]


def test_codes_stay_strings_with_patterns() -> None:
    insee = infer_one("code_insee", ["01001", "2A004", "75056"])
    assert insee.type == "string" and insee.constraints.pattern == "(?:[0-9]{2}|2[AB])[0-9]{3}"
    assert infer_one("COM", ["01001", "2B033"]).type == "string"
    assert infer_one("siren", ["213100557", "200046977"]).constraints.pattern == "[0-9]{9}"
    siret = infer_one("numero", ["21310055700016", "20004697700019"])
    assert siret.type == "string" and siret.constraints.pattern == "[0-9]{14}"
    assert infer_one("cp", ["75001", "13001"]).constraints.pattern == "[0-9]{5}"
    assert infer_one("telephone", ["0140000000", "0612345678"]).type == "string"
    assert infer_one("contact", ["01 40 00 00 00", "06.12.34.56.78"]).type == "string"
    assert infer_one("valeur", ["0012", "0500"]).type == "string"


def test_french_numbers() -> None:
    spaced = infer_one("montant", ["1 234,56", "12,5", "7"])
    assert (spaced.type, spaced.decimal_char, spaced.group_char) == ("number", ",", " ")
    for space in ("\u00a0", "\u202f"):
        field = infer_one("montant", [f"1{space}234,56", "3,5"])
        assert (field.type, field.group_char) == ("number", space)
    assert infer_one("taux", ["12,5", "3"]).decimal_char == ","
    assert infer_one("prix", ["12.5", "3"]).type == "number"
    assert infer_one("effectif", ["12", "0", "-3"]).type == "integer"
    assert infer_one("mixte", ["1 234,5", "1\u00a0234,5"]).type == "string"


def test_dates_and_booleans() -> None:
    french = infer_one("date_decision", ["25/12/2024", "01/02/2023"])
    assert (french.type, french.format) == ("date", "%d/%m/%Y")
    assert (infer_one("jour", ["2024-12-25"]).type, infer_one("jour", ["2024-12-25"]).format) == (
        "date",
        "default",
    )
    assert infer_one("horodatage", ["2024-12-25T10:00:00Z"]).type == "datetime"
    oui = infer_one("gratuit", ["oui", "non", "oui"])
    assert (oui.type, oui.true_values, oui.false_values) == ("boolean", ("oui",), ("non",))
    assert infer_one("actif", ["Oui", "Non"]).true_values == ("Oui",)
    assert infer_one("ok", ["vrai", "faux"]).false_values == ("faux",)
    assert infer_one("ok", ["true", "false"]).type == "boolean"


def test_coordinates_required_and_empty_columns() -> None:
    assert infer_one("latitude", ["48", "45"]).type == "number"
    assert infer_one("lon", ["2.35", "-1.5"]).type == "number"
    assert infer_one("nom", ["Paris", "Lyon"]).required
    assert not infer_one("nom", ["Paris", ""]).required
    assert infer_one("vide", ["", "", None]).type == "string"


def test_placeholders_become_missing_values_only_in_numeric_columns() -> None:
    schema = infer_schema(["montant", "commentaire"], [["12,5", "-"], ["NC", "NC"], ["3", "ok"]])
    assert schema.fields[0].type == "number"
    assert schema.missing_values == ("", "NC")
    assert not schema.fields[0].required
    only_text = infer_schema(["avis"], [["NC"], ["bien"]])
    assert only_text.missing_values == ("",)


def test_sample_size_and_labels() -> None:
    rows = [[str(i)] for i in range(50)] + [["texte"]]
    assert infer_schema(["n"], rows, sample_size=50).fields[0].type == "integer"
    assert infer_schema(["n"], rows).fields[0].type == "string"
    assert infer_schema(["Nom de la commune"], [["Paris"]]).field_names == ["Nom de la commune"]


def read_csv(path: Path, delimiter: str = ",") -> tuple[list[str], list[list[str | None]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        labels = next(reader)
        return labels, [list(row) for row in reader]


def test_cog_communes() -> None:
    labels, rows = read_csv(DATA / "samples" / "territoire" / "v_commune_2025.csv")
    schema = infer_schema(labels, rows)
    com = schema.get_field("COM")
    assert com.type == "string" and com.constraints.pattern == "(?:[0-9]{2}|2[AB])[0-9]{3}"
    assert schema.get_field("DEP").type == "string"
    assert schema.get_field("LIBELLE").type == "string"
    assert schema.get_field("TNCC").type == "integer"
    codes = [row[1] for row in rows]
    assert "01001" in codes and any(code.startswith("2A") for code in codes)
    assert_sample_valid(schema.to_dict(), labels, rows)


def assert_sample_valid(
    descriptor: dict[str, object], labels: list[str], rows: list[list[str | None]]
) -> None:
    """Every non-missing cell of the sample reads with the inferred field."""
    schema = load_schema(descriptor)
    for index, field in enumerate(schema.fields):
        missing = schema.missing_values_for(field)
        for row in rows:
            cell = row[index] if index < len(row) else None
            if cell is not None and cell not in missing:
                assert parse_cell(cell, field) is not INVALID, (field.name, cell)


def test_bundled_examples_infer_to_readable_schemas() -> None:
    for path in sorted((DATA / "schemas").rglob("exemple-valide.csv")):
        delimiter = ";" if ";" in path.read_text(encoding="utf-8-sig").splitlines()[0] else ","
        labels, rows = read_csv(path, delimiter)
        schema = infer_schema(labels, rows)
        assert schema.field_names == labels
        assert_sample_valid(schema.to_dict(), labels, rows)
