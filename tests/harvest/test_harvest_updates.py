"""Re-harvests of an Opendatasoft-shaped remote (Explore v2.1 page, Parquet exports): the
same rows in other bytes make no version, changed rows make one, an unchanged stamp
downloads nothing; labels name the columns, a new title is applied."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from fake_remote import Answer, fake_remote
from harvest_helpers import columns, data_file, version_count
from throwaway import empty_instance

from territoria.harvest.http import Politeness
from territoria.security.actor import ADMIN
from territoria.services.harvesting import HarvestOptions, harvest
from territoria.services.metadata import metadata_of

CATALOG = "/api/explore/v2.1/catalog/datasets"
EXPORT = f"{CATALOG}/arbres/exports/parquet"
QUICK = Politeness(retries=0)
FIELDS = [
    {"name": "nom_arbre", "label": "Nom Arbre", "type": "text", "description": None},
    {"name": "hauteur", "label": "Hauteur (m)", "type": "int", "description": "en mètres"},
]


def _page(title: str, stamp: str) -> Answer:
    dataset = {
        "dataset_id": "arbres",
        "has_records": True,
        "fields": FIELDS,
        "metas": {"default": {"title": title, "data_processed": stamp, "license": "ODbL"}},
    }
    return Answer(json.dumps({"total_count": 1, "results": [dataset]}).encode())


def _parquet(tmp: Path, name: str, options: str, last: str = "Platane") -> Answer:
    path = tmp / name
    con = duckdb.connect()
    try:
        con.execute(
            "COPY (SELECT * FROM (VALUES ('Chêne', 20), ('Tilleul', 15), (?, 30)) "
            f"t(nom_arbre, hauteur)) TO '{path}' ({options})",
            [last],
        )
    finally:
        con.close()
    return Answer(path.read_bytes(), content_type="application/vnd.apache.parquet")


@pytest.mark.slow
def test_reharvests_version_only_changed_rows(tmp_path: Path) -> None:
    target = empty_instance(tmp_path / "target")
    first = _parquet(tmp_path, "a.parquet", "FORMAT parquet, COMPRESSION zstd")
    same = _parquet(tmp_path, "b.parquet", "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2")
    assert first.body != same.body
    changed = _parquet(tmp_path, "c.parquet", "FORMAT parquet", last="Érable")
    with fake_remote({CATALOG: _page("Arbres", "2024-01-01"), EXPORT: first}) as remote:
        options = HarvestOptions(remote.url, politeness=QUICK)
        (created,) = harvest(target, options).outcomes
        assert (created.action, created.version) == ("created", 1)
        # labels name the columns (their identifiers are the remote's names)
        assert columns(data_file(target, "arbres")) == ["Nom Arbre", "hauteur"]
        # and the remote's label and description of a field document it here
        fields = metadata_of(target, "arbres", ADMIN)["fields"]
        hauteur = next(f for f in fields if f["identifier"] == "hauteur")
        assert (hauteur["label"], hauteur["description"]) == ("Hauteur (m)", "en mètres")
        assert hauteur["type"] == "integer"

        remote.routes.update({CATALOG: _page("Arbres de Paris", "2024-02-01"), EXPORT: same})
        (updated,) = harvest(target, options).outcomes
        assert (updated.action, updated.new_version) == ("updated", False)
        assert version_count(target, "arbres") == 1
        assert metadata_of(target, "arbres", ADMIN)["title"] == "Arbres de Paris"

        remote.routes.update({CATALOG: _page("Arbres de Paris", "2024-03-01"), EXPORT: changed})
        (again,) = harvest(target, options).outcomes
        assert (again.action, again.new_version, again.version) == ("updated", True, 2)

        remote.asked.clear()
        (still,) = harvest(target, options).outcomes
        assert still.action == "unchanged"
        assert not [p for p in remote.asked if "/exports/" in p]
    assert metadata_of(target, "arbres", ADMIN)["license"]["id"] == "odbl-1.0"


def test_garbage_parquet_falls_back_to_csv_and_garbage_everywhere_is_skipped(
    tmp_path: Path,
) -> None:
    target = empty_instance(tmp_path / "target")
    results = []
    for name in ("arbres", "bancs"):
        page = json.loads(_page(name.capitalize(), "2024-01-01").body)["results"][0]
        results.append({**page, "dataset_id": name})
    junk = Answer(bytes(range(256)) * 40, content_type="application/vnd.apache.parquet")
    routes = {
        CATALOG: Answer(json.dumps({"total_count": 2, "results": results}).encode()),
        f"{CATALOG}/arbres/exports/parquet": junk,
        f"{CATALOG}/arbres/exports/csv": Answer(
            b"nom_arbre,hauteur\nChene,20\n", content_type="text/csv"
        ),
        f"{CATALOG}/bancs/exports/parquet": junk,
        f"{CATALOG}/bancs/exports/csv": Answer(b"<html>maintenance</html>", status=503),
    }
    with fake_remote(routes) as remote:
        report = harvest(target, HarvestOptions(remote.url, politeness=QUICK))
    by_id = {o.remote_id: o for o in report.outcomes}
    assert (by_id["arbres"].action, by_id["arbres"].rows) == ("created", 1)
    assert by_id["bancs"].action == "failed" and "503" in (by_id["bancs"].error_en or "")
    assert report.exit_code == 1
    assert version_count(target, "arbres") == 1
    from harvest_helpers import public_slugs

    assert public_slugs(target) == {"arbres"}  # never half-ingested, never an empty shell
