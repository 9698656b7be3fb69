"""A file uploaded over HTTP into a pack dataset goes through the pack (the route is in the
service layer): tidy rows stored, indicators recomputed and served by the open-data API."""

from __future__ import annotations

from pathlib import Path

import httpx
from pack_homes import SAMPLES, installed
from pack_server import served

from territoria.config import Settings

ADMIN_TOKEN = "pack-test-admin-token"
BANKS = "Vols à main armée contre des établissements financiers"
ETAT_2006 = SAMPLES / "securite/etat4001-faits2006-par-departement.csv"


def test_upload_into_a_pack_dataset_recomputes_and_serves_indicators(tmp_path: Path) -> None:
    settings = installed(tmp_path / "home", "securite")
    settings = Settings(home=settings.home, admin_token=ADMIN_TOKEN)
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with served(settings) as base, httpx.Client(base_url=base, timeout=120) as http:
        with ETAT_2006.open("rb") as stream:
            answer = http.post(
                "/api/v1/datasets/securite-etat4001/versions",
                files={"file": (ETAT_2006.name, stream, "text/csv")},
                headers=headers,
            )
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["pack"]["transform"]["rowsTidy"] == 103 * 96
        assert body["pack"]["indicators"]["indicators"] == ["securite.faits-etat-4001"]
        records = http.get(
            "/api/explore/v2.1/catalog/datasets/indicateurs-securite/records",
            params={
                "where": f"territoire = 'departement:2A' and index_4001 = '{BANKS}'",
                "limit": 5,
            },
        )
        assert records.status_code == 200, records.text
        found = records.json()["results"]
        assert [(r["periode"], r["niveau"]) for r in found] == [("2006", "departement")]
        assert found[0]["valeur"] == found[0]["numerateur"]
