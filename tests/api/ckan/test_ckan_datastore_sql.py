"""CKAN's datastore_search_sql: unknown (CKAN's 400) unless the instance opens it; then one
whitelisted SELECT over one visible resource, answers equal to DuckDB's, and an injection
corpus refused without touching anything. Typed date ranges of datastore_search run here too
(the shared instance has no date column)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ckan_oracle import objects, resource_of, rows
from ckanapi import CKANAPIError, NotAuthorized, NotFound, RemoteCKAN, ValidationError
from live_server import ADMIN_TOKEN
from throwaway import Served


@pytest.fixture
def sql_ckan(sql_server: Served) -> Iterator[RemoteCKAN]:
    with RemoteCKAN(sql_server.url) as client:
        yield client


def test_off_by_default_as_ckan_without_the_plugin(anon: httpx.Client, ckan: RemoteCKAN) -> None:
    answer = anon.get("/api/3/action/datastore_search_sql", params={"sql": "SELECT 1"})
    assert answer.status_code == 400
    assert answer.json() == "Bad request - Action name not known: datastore_search_sql"
    with pytest.raises(CKANAPIError):
        ckan.action.datastore_search_sql(sql="SELECT 1")


def test_select_equals_duckdb(sql_ckan: RemoteCKAN, sql_server: Served) -> None:
    rid = resource_of(sql_ckan, "trilib-paris")
    sql = f'SELECT "_id", name, "fillingRate" FROM "{rid}" WHERE "fillingRate" > 50 ORDER BY "_id"'
    result = sql_ckan.action.datastore_search_sql(sql=sql)
    expected = objects(
        sql_server.settings,
        "trilib-paris",
        ["_id", "name", "fillingRate"],
        'WHERE "fillingRate" > 50 ORDER BY _id',
    )
    assert result["records"] == expected and expected
    assert [f["id"] for f in result["fields"]] == ["_id", "name", "fillingRate"]
    counted = sql_ckan.action.datastore_search_sql(sql=f'SELECT count(*) AS n FROM "{rid}"')
    [(total,)] = rows(sql_server.settings, "trilib-paris", "SELECT count(*) FROM data")
    assert counted["records"] == [{"n": total}]
    with RemoteCKAN(sql_server.url, get_only=True) as by_get:
        assert by_get.action.datastore_search_sql(sql=sql)["records"] == expected


def test_date_ranges(sql_ckan: RemoteCKAN, sql_server: Served) -> None:
    rid = resource_of(sql_ckan, "mesures")
    result = sql_ckan.action.datastore_search(
        resource_id=rid,
        filters={"jour": {"gte": "2024-02-14", "lt": "2024-05-01"}, "actif": True},
    )
    types = {f["id"]: f["type"] for f in result["fields"]}
    assert (types["jour"], types["valeur"], types["actif"]) == ("date", "numeric", "bool")
    where = "WHERE jour >= DATE '2024-02-14' AND jour < DATE '2024-05-01' AND actif"
    names = [f["id"] for f in result["fields"]]
    expected = objects(sql_server.settings, "mesures", names, f"{where} ORDER BY _id")
    assert result["records"] == expected and expected
    with pytest.raises(ValidationError):
        sql_ckan.action.datastore_search(resource_id=rid, filters={"jour": {"gte": "février"}})


def test_private_resource_is_not_found(sql_ckan: RemoteCKAN, sql_server: Served) -> None:
    with RemoteCKAN(sql_server.url, apikey=ADMIN_TOKEN) as admin:
        rid = resource_of(admin, "prenoms")
        assert admin.action.datastore_search_sql(sql=f'SELECT count(*) FROM "{rid}"')["records"]
    with pytest.raises(NotFound):
        sql_ckan.action.datastore_search_sql(sql=f'SELECT * FROM "{rid}"')


INJECTIONS = [
    'SELECT * FROM "{rid}"; DROP TABLE x',
    'SELECT * FROM "{rid}"; SELECT 42',
    "ATTACH '{out}.db' AS x",
    "COPY (SELECT * FROM \"{rid}\") TO '{out}.csv'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_parquet('{parquet}')",
    "SELECT * FROM '/etc/passwd'",
    'SELECT * FROM "{rid}" WHERE "fillingRate" IN (SELECT 1 FROM duckdb_tables())',
    "SELECT * FROM \"{rid}\" UNION SELECT * FROM read_csv('/etc/passwd')",
    'SELECT * FROM "{rid}", "{other}"',
    'SELECT * FROM "{rid}" JOIN "{rid}" ON true',
    "SELECT * FROM information_schema.tables",
    'SELECT * FROM public."{rid}"',
    "SELECT getenv('HOME') FROM \"{rid}\"",
    'SELECT "fillingRate" FROM "{rid}" WHERE 1 = (SELECT count(*) FROM pg_catalog.pg_tables)',
    'WITH t AS (SELECT * FROM "{rid}") SELECT * FROM t',
    'SELECT secret FROM "{rid}"',
    "SELECT current_setting('memory_limit') FROM \"{rid}\"",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET memory_limit = '1TB'",
    "PRAGMA database_list",
    "CREATE TABLE x AS SELECT 1",
    "SELECT 1",
    "SELEC * FROM",
]


@pytest.mark.parametrize("template", INJECTIONS)
def test_injection_corpus_is_refused(
    template: str, sql_ckan: RemoteCKAN, sql_server: Served, tmp_path: Path
) -> None:
    rid = resource_of(sql_ckan, "trilib-paris")
    sql = template.format(
        rid=rid,
        other=resource_of(sql_ckan, "mesures"),
        out=tmp_path / "stolen",
        parquet=next(sql_server.settings.lake_dir.rglob("*.parquet")),
    )
    with pytest.raises((ValidationError, NotAuthorized, NotFound)):
        sql_ckan.action.datastore_search_sql(sql=sql)
    assert list(tmp_path.iterdir()) == []
    with httpx.Client(base_url=sql_server.url) as http:
        answer = http.post("/api/3/action/datastore_search_sql", json={"sql": sql})
    assert answer.status_code in (403, 404, 409)
    assert answer.json()["success"] is False
