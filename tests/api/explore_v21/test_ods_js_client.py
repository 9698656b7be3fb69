"""Opendatasoft's own JavaScript client (``@opendatasoft/api-client``, pinned in
``tests/js/package-lock.json``) run by node against the live server; its answers are
checked against DuckDB reads of the stored Parquet.

``npm ci`` runs once when ``tests/js/node_modules`` is missing (the npm registry must be
reachable then, or the folder installed beforehand: ``npm ci --prefix tests/js``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ods_oracle import PUBLIC, rows

from territoria.config import Settings

JS = Path(__file__).resolve().parents[2] / "js"


@pytest.fixture(scope="module")
def answers(live_url: str, live_settings: Settings) -> dict[str, Any]:
    """What the client got for each query of ``ods_client_check.mjs``."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("node and npm are needed by the Opendatasoft JS client test")
    if not (JS / "node_modules" / "@opendatasoft" / "api-client").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=300)
    done = subprocess.run(
        [node, "ods_client_check.mjs", live_url, str(live_settings.admin_token)],
        cwd=JS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_catalog_through_the_client(answers: dict[str, Any], live_settings: Settings) -> None:
    assert sorted(d["dataset_id"] for d in answers["catalog"]["results"]) == sorted(PUBLIC)
    selected = answers["catalogSelect"]["results"]
    assert [d["dataset_id"] for d in selected] == sorted(PUBLIC)
    for item in selected:
        [(count,)] = rows(live_settings, item["dataset_id"], "SELECT count(*) FROM data")
        assert item["records_count"] == count
    assert answers["dataset"]["dataset_id"] == "trilib-paris"


def test_records_through_the_client(answers: dict[str, Any], live_settings: Settings) -> None:
    expected = rows(
        live_settings,
        "trilib-paris",
        'SELECT name, "fillingRate" FROM data WHERE "fillingRate" > 50 '
        'ORDER BY "fillingRate" DESC, name',
    )
    assert answers["records"]["total_count"] == len(expected)
    assert [(r["name"], r["fillingrate"]) for r in answers["records"]["results"]] == expected[:5]
    [(plastic,)] = rows(
        live_settings,
        "trilib-paris",
        "SELECT count(*) FROM data WHERE wastetype_designation = 'Can / Plastic'",
    )
    assert answers["refined"] == {"total_count": plastic, "results": []}
    groups = rows(
        live_settings,
        "fontaines-paris",
        'SELECT "Commune", count(*) AS n FROM data GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3',
    )
    assert [(r["commune"], r["n"]) for r in answers["grouped"]["results"]] == groups
    [first] = rows(live_settings, "trilib-paris", "SELECT name FROM data LIMIT 1")
    assert answers["record"]["name"] == first[0]


def test_facets_and_export_through_the_client(
    answers: dict[str, Any], live_settings: Settings
) -> None:
    [facet] = answers["facets"]["facets"]
    counts = {v["name"]: v["count"] for v in facet["facets"]}
    expected = rows(
        live_settings,
        "trilib-paris",
        "SELECT wastetype_designation, count(*) FROM data "
        "WHERE wastetype_designation IS NOT NULL GROUP BY 1",
    )
    assert counts == dict(expected)
    export = answers["export"]
    assert export["status"] == 200 and export["path"].endswith("?where=fillingrate+%3E+50")
    table = list(csv.reader(io.StringIO(export["text"].lstrip("\ufeff")), delimiter=";"))
    [(count,)] = rows(
        live_settings, "trilib-paris", 'SELECT count(*) FROM data WHERE "fillingRate" > 50'
    )
    assert len(table) - 1 == count


def test_errors_through_the_client(answers: dict[str, Any]) -> None:
    assert answers["tooMany"]["thrown"] == "UserError"
    assert answers["tooMany"]["status"] == 400
    assert answers["tooMany"]["details"]["error_code"] == "InvalidRESTParameterError"
    assert answers["badQuery"]["details"]["error_code"] == "ODSQLError"
    assert answers["privateAnonymous"]["thrown"] == "NotFoundError"
    assert len(answers["privateAdmin"]["results"]) == 1
