"""Versions over HTTP: listed with their reports, one with its report, downloads checked
against DuckDB on the stored Parquet, diff and rollback, and the visibility rule on each."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import httpx
from live_server import SAMPLES
from throwaway import Served

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.services.diffing import diff_versions
from territoria.services.instance import open_instance

FONTAINES = SAMPLES / "eau/fontaines-a-boire-paris-2021.csv"


def _data_file(settings: Settings, slug: str, number: int) -> Path:
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            return instance.lake.data_file(repo.require_version(session, slug, number).lake_path)
    finally:
        instance.close()


def _count(sql: str, *params: str) -> int:
    with duckdb.connect() as con:
        row = con.execute(sql, list(params)).fetchone()
    assert row is not None
    return int(row[0])


def test_versions_are_listed_with_their_report_summaries(
    anon: httpx.Client, live_settings: Settings
) -> None:
    answer = anon.get("/api/v1/datasets/subventions-31/versions")
    assert answer.status_code == 200
    (version,) = answer.json()
    stored = _count(
        "SELECT count(*) FROM read_parquet(?)", str(_data_file(live_settings, "subventions-31", 1))
    )
    assert version["number"] == 1 and version["rows"] == stored
    summary = version["report"]
    assert set(summary) == {"valid", "errors", "rows", "invalidRows", "errorsByType"}
    assert summary["errors"] == sum(summary["errorsByType"].values())
    assert "lakePath" not in version
    assert version["links"]["self"] == "/api/v1/datasets/subventions-31/versions/1"
    assert version["createdAt"] and version["sourceSha256"]


def test_a_version_and_its_report(anon: httpx.Client) -> None:
    listed = anon.get("/api/v1/datasets/subventions-31/versions").json()[0]
    version = anon.get("/api/v1/datasets/subventions-31/versions/1").json()
    report = anon.get("/api/v1/datasets/subventions-31/versions/1/report").json()
    assert version["report"] == report
    task = report["tasks"][0]
    assert task["place"] == version["sourceFilename"]
    assert task["stats"]["listedErrors"] == len(task["errors"])
    assert report["stats"]["errors"] == listed["report"]["errors"]
    assert task["stats"]["errorsByType"] == listed["report"]["errorsByType"]
    assert anon.get("/api/v1/datasets/subventions-31/versions/99").status_code == 404


def test_download_is_the_stored_version(anon: httpx.Client, live_settings: Settings) -> None:
    source = str(_data_file(live_settings, "fontaines-paris", 1))
    expected = _count("SELECT count(*) FROM read_parquet(?)", source)
    answer = anon.get(
        "/api/v1/datasets/fontaines-paris/versions/1/download", params={"format": "csv"}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="fontaines-paris-v1.csv"' in answer.headers["content-disposition"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "v1.csv"
        path.write_bytes(answer.content)
        got = _count("SELECT count(*) FROM read_csv(?, header=true, all_varchar=true)", str(path))
        with duckdb.connect() as con:
            columns = [
                r[0]
                for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [source]).fetchall()
            ]
        assert answer.text.splitlines()[0].split(",")[:3] == columns[:3]
    assert got == expected
    for fmt in ("parquet", "json", "xlsx"):
        assert (
            anon.get(
                f"/api/v1/datasets/fontaines-paris/versions/1/download?format={fmt}"
            ).status_code
            == 200
        )
    unknown = anon.get("/api/v1/datasets/fontaines-paris/versions/1/download?format=exe")
    assert unknown.status_code == 400 and "csv" in unknown.json()["message"]


def test_private_datasets_are_invisible_to_anonymous_callers(
    anon: httpx.Client, admin: httpx.Client
) -> None:
    paths = [
        "/api/v1/datasets/prenoms-prive",
        "/api/v1/datasets/prenoms-prive/versions",
        "/api/v1/datasets/prenoms-prive/versions/1",
        "/api/v1/datasets/prenoms-prive/versions/1/report",
        "/api/v1/datasets/prenoms-prive/versions/1/download",
        "/api/v1/datasets/prenoms-prive/versions/1/diff/1",
    ]
    unknown = anon.get("/api/v1/datasets/nexiste-pas").json()
    for path in paths:
        hidden = anon.get(path)
        assert hidden.status_code == 404, path
        assert hidden.json()["error_code"] == unknown["error_code"]
        assert admin.get(path).status_code == 200, path
    assert "prenoms-prive" not in [d["slug"] for d in anon.get("/api/v1/datasets").json()]
    assert "prenoms-prive" in [d["slug"] for d in admin.get("/api/v1/datasets").json()]


def _second_version(served: Served, tmp: Path) -> Path:
    """Version 2 of ``fontaines``: its file without three data lines."""
    lines = FONTAINES.read_bytes().splitlines(keepends=True)
    changed = tmp / FONTAINES.name
    changed.write_bytes(b"".join(lines[:10] + lines[13:]))
    with served.admin() as admin, changed.open("rb") as stream:
        files = {"file": (changed.name, stream, "text/csv")}
        answer = admin.post("/api/v1/datasets/fontaines/versions", files=files)
    assert answer.status_code == 201, answer.text
    return changed


def test_diff_and_rollback(writable: Served, tmp_path: Path) -> None:
    changed = _second_version(writable, tmp_path)
    removed = _count(
        "SELECT count(*) FROM (SELECT * FROM read_csv(?, all_varchar=true) "
        "EXCEPT ALL SELECT * FROM read_csv(?, all_varchar=true))",
        str(FONTAINES),
        str(changed),
    )
    with writable.admin() as admin:
        answer = admin.get("/api/v1/datasets/fontaines/versions/1/diff/2", params={"sample": 2})
        assert answer.status_code == 200, answer.text
        diff = answer.json()
        assert diff["rows"]["removed"] == removed and diff["rows"]["added"] == 0
        assert len(diff["sample"]["removed"]) == 2
        oracle = diff_versions("fontaines", 1, 2, writable.settings, sample_size=2).to_dict()
        assert diff == oracle
        keyed = admin.get("/api/v1/datasets/fontaines/versions/1/diff/2?key=Identifiant").json()
        assert keyed["method"] == "key" and keyed["rows"]["removed"] == removed
        bad_key = admin.get("/api/v1/datasets/fontaines/versions/1/diff/2?key=nope")
        assert bad_key.status_code == 400

        back = admin.post("/api/v1/datasets/fontaines/rollback", json={"to": 1})
        assert back.status_code == 201, back.text
        assert back.json()["version"]["rolledBackFrom"] == 1
        assert back.headers["location"] == "/api/v1/datasets/fontaines/versions/3"
        again = admin.post("/api/v1/datasets/fontaines/rollback", json={"to": 1})
        assert again.status_code == 200 and again.json()["created"] is False
        assert admin.post("/api/v1/datasets/fontaines/rollback", json={"to": 99}).status_code == 404
        assert admin.post("/api/v1/datasets/fontaines/rollback", json={"to": 0}).status_code == 400
    with writable.anon() as anon:
        refused = anon.post("/api/v1/datasets/fontaines/rollback", json={"to": 2})
        assert refused.status_code == 403
        assert [v["number"] for v in anon.get("/api/v1/datasets/fontaines/versions").json()] == [
            1,
            2,
            3,
        ]


def test_a_download_revalidates_by_etag(anon: httpx.Client, admin: httpx.Client) -> None:
    url = "/api/v1/datasets/fontaines-paris/versions/1/download?format=json"
    first = anon.get(url)
    assert first.status_code == 200 and first.headers["cache-control"].startswith("public")
    again = anon.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    other = anon.get(url.replace("json", "csv"), headers={"If-None-Match": first.headers["etag"]})
    assert other.status_code == 200  # another format is another representation
    private = "/api/v1/datasets/prenoms-prive/versions/1/download"
    held = admin.get(private)
    assert held.status_code == 200 and held.headers["cache-control"].startswith("private")
    probe = anon.get(private, headers={"If-None-Match": held.headers["etag"]})
    assert probe.status_code == 404  # an ETag reveals nothing of a private dataset
