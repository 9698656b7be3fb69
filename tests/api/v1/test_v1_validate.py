"""Validation without storing over HTTP, Validata-style: 200 with the frictionless-shaped
report whether valid or not, the same report as the validation service, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from live_server import SAMPLES
from throwaway import Served

from territoria.ingest.table import ReadOptions
from territoria.services.validating import validate_file

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schemas"
VALID = SCHEMAS / "scdl/subventions/exemple-valide.csv"
SANISETTES = SAMPLES / "eau/sanisettes-paris-2021.csv"


def _validate(http: httpx.Client, path: Path, **params: str) -> httpx.Response:
    with path.open("rb") as stream:
        return http.post("/api/v1/validate", files={"file": (path.name, stream)}, params=params)


def test_a_valid_file_against_a_bundled_schema(writable: Served) -> None:
    with writable.anon() as anon:
        answer = _validate(anon, VALID, schema="scdl/subventions")
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["valid"] is True and report["stats"]["errors"] == 0
    assert report["tasks"][0]["place"] == VALID.name


def test_invalid_data_is_a_200_with_the_services_report(writable: Served) -> None:
    expected = validate_file(SANISETTES, "scdl/subventions", ReadOptions(), writable.settings)
    files_before = writable.lake_files()
    with writable.anon() as anon:
        answer = _validate(anon, SANISETTES, schema="scdl/subventions", lang="en")
    assert answer.status_code == 200
    report = answer.json()
    assert report["valid"] is False
    task = report["tasks"][0]
    triples = [(e["type"], e.get("rowNumber"), e.get("fieldName")) for e in task["errors"]]
    assert triples == expected.triples()
    assert task["stats"]["errorsByType"] == dict(sorted(expected.errors_by_type.items()))
    english = expected.to_dict("en")["tasks"][0]["errors"][0]["message"]
    assert task["errors"][0]["message"] == english
    assert writable.lake_files() == files_before


def test_an_uploaded_schema_is_used(writable: Served, tmp_path: Path) -> None:
    schema = {"fields": [{"name": "TYPE", "type": "string", "constraints": {"enum": ["x"]}}]}
    part = tmp_path / "schema.json"
    part.write_text(json.dumps(schema))
    expected = validate_file(SANISETTES, schema, ReadOptions(), writable.settings)
    with writable.anon() as anon, SANISETTES.open("rb") as data:
        answer = anon.post(
            "/api/v1/validate",
            files={
                "file": (SANISETTES.name, data),
                "schema_file": ("schema.json", part.read_bytes()),
            },
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["stats"]["errors"] == expected.error_count > 0
        broken = anon.post(
            "/api/v1/validate",
            files={"file": (VALID.name, VALID.read_bytes()), "schema_file": ("s.json", b"{no")},
        )
        assert broken.status_code == 400 and broken.json()["error_code"] == "invalid-schema"


def test_refusals_of_validation(writable: Served) -> None:
    with writable.anon() as anon:
        unknown = _validate(anon, VALID, schema="scdl/subvention")
        assert unknown.status_code == 400 and unknown.json()["error_code"] == "invalid-schema"
        assert "scdl/subventions" in unknown.json()["details"]["hint"]
        server_file = _validate(anon, VALID, schema="../../../../etc/passwd")
        assert server_file.status_code == 400 and "root:" not in server_file.text
        binary = anon.post("/api/v1/validate", files={"file": ("a.pdf", b"%PDF-1.4\n" + bytes(64))})
        assert binary.status_code == 415 and binary.json()["details"]["path"] == "a.pdf"
        empty = anon.post("/api/v1/validate", files={"file": ("vide.csv", b"")})
        assert empty.status_code == 415
        assert anon.post("/api/v1/validate").status_code == 415
        assert _validate(anon, VALID, lang="de").status_code == 400
