"""Query service: indexed and scanned answers equal hand-written DuckDB, cache, visibility."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_samples import query_home  # noqa: F401  (the session fixture)

from territoria.config import Settings
from territoria.errors import NotFoundError
from territoria.query.request import RecordsRequest
from territoria.security.actor import ADMIN, ANONYMOUS
from territoria.services.instance import Instance, open_instance
from territoria.services.querying import QueryService, VersionHandle


@pytest.fixture(scope="module")
def instance(query_home: Path) -> Iterator[Instance]:  # noqa: F811
    opened = open_instance(Settings(home=query_home))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def service(query_home: Path) -> Iterator[QueryService]:  # noqa: F811
    """A service without results cache: every answer is computed."""
    queries = QueryService(Settings(home=query_home, query_cache_entries=0))
    yield queries
    queries.close()


def _handle(service: QueryService, instance: Instance, slug: str) -> VersionHandle:
    with instance.session() as session:
        return service.open_version(instance, session, slug, ADMIN)


@pytest.fixture(scope="module")
def dechets(service: QueryService, instance: Instance) -> VersionHandle:
    return _handle(service, instance, "dechets")


@pytest.fixture(scope="module")
def oracle(dechets: VersionHandle) -> Iterator[duckdb.DuckDBPyConnection]:
    """A plain DuckDB connection over the version's Parquet: the expectation."""
    con = duckdb.connect()
    con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{dechets.parquet}')")
    yield con
    con.close()


def _values(oracle: duckdb.DuckDBPyConnection, column: str) -> list[Any]:
    return [
        r[0] for r in oracle.execute(f'SELECT DISTINCT "{column}" FROM t ORDER BY 1').fetchall()
    ]


def _expected(
    oracle: duckdb.DuckDBPyConnection, where: str, params: list[Any], limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    (total,) = oracle.execute(f"SELECT count(*) FROM t WHERE {where}", params).fetchone() or (0,)
    page = oracle.execute(f"SELECT * FROM t WHERE {where} LIMIT {limit} OFFSET {offset}", params)
    return total, page.to_arrow_table().to_pylist()


def _odsql(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"date'{value.isoformat()}'"
    return str(value) if isinstance(value, int) else '"' + str(value).replace('"', '\\"') + '"'


WHERES = st.sampled_from(["code_insee", "categorie", "nb_habitants", "nom_commune", "date"])


@settings(max_examples=80, deadline=None)
@given(column=WHERES, pick=st.integers(0, 10**6), offset=st.sampled_from([0, 0, 3, 50]))
def test_equality_pages_equal_duckdb(
    service: QueryService,
    dechets: VersionHandle,
    oracle: duckdb.DuckDBPyConnection,
    column: str,
    pick: int,
    offset: int,
) -> None:
    values = _values(oracle, column)
    value = values[pick % len(values)]
    request = RecordsRequest(where=(f"{column} = {_odsql(value)}",), limit=100, offset=offset)
    result = service.run_records(dechets, request)
    total, page = _expected(oracle, f'"{column}" = ?', [value], 100, offset)
    assert (result.total_count, result.table.to_pylist()) == (total, page)


def test_index_answers_without_the_engine(
    service: QueryService, dechets: VersionHandle, oracle: duckdb.DuckDBPyConnection
) -> None:
    code = _values(oracle, "code_insee")[7]
    service.run_records(dechets, RecordsRequest(where=(f'code_insee = "{code}"',), limit=10))
    before = service.executions
    for value in _values(oracle, "code_insee")[:50]:
        service.run_records(dechets, RecordsRequest(where=(f'code_insee = "{value}"',), limit=10))
    for day in _values(oracle, "date")[:20]:
        where = f'date = {_odsql(day)} and categorie = "Verre"'
        service.run_records(dechets, RecordsRequest(where=(where,), limit=10))
    assert service.executions == before  # neither a scan nor a count ran


@pytest.mark.parametrize(
    ("where", "sql", "params"),
    [
        ('categorie in ("Verre", "Bois")', '"categorie" IN (?, ?)', ["Verre", "Bois"]),
        ('categorie = "Verre" and tonnage > 50', '"categorie" = ? AND "tonnage" > 50', ["Verre"]),
        (
            'categorie = "Verre" and categorie = "Bois"',
            '"categorie" = ? AND "categorie" = ?',
            ["Verre", "Bois"],
        ),
        ('categorie = "Absente"', '"categorie" = ?', ["Absente"]),
        (
            'code_insee = "01001" or categorie = "Verre"',
            '"code_insee" = ? OR "categorie" = ?',
            ["01001", "Verre"],
        ),
        ("nb_habitants = 200 and tonnage < 40", '"nb_habitants" = 200 AND "tonnage" < 40', []),
        ("tonnage > 100", '"tonnage" > 100', []),
    ],
)
def test_mixed_filters_equal_duckdb(
    service: QueryService,
    dechets: VersionHandle,
    oracle: duckdb.DuckDBPyConnection,
    where: str,
    sql: str,
    params: list[Any],
) -> None:
    result = service.run_records(dechets, RecordsRequest(where=(where,), limit=100, offset=2))
    assert (result.total_count, result.table.to_pylist()) == _expected(oracle, sql, params, 100, 2)


def test_grouped_query_on_candidates_equals_duckdb(
    service: QueryService, dechets: VersionHandle, oracle: duckdb.DuckDBPyConnection
) -> None:
    code = _values(oracle, "code_insee")[3]
    request = RecordsRequest(
        select="categorie, sum(tonnage) as total",
        where=(f'code_insee = "{code}"',),
        group_by="categorie",
        order_by="categorie",
    )
    result = service.run_records(dechets, request)
    expected = oracle.execute(
        "SELECT categorie, sum(tonnage) AS total FROM t WHERE code_insee = ?"
        " GROUP BY categorie ORDER BY categorie",
        [code],
    ).fetchall()
    assert [tuple(r.values()) for r in result.table.to_pylist()] == expected
    assert result.total_count == len(expected)


def test_real_file_with_geo_fields(service: QueryService, instance: Instance) -> None:
    fontaines = _handle(service, instance, "fontaines")
    oracle = duckdb.connect()
    try:
        where = '"Type Objet" = ?'
        rows = oracle.execute(
            f'SELECT "Identifiant", "Voie" FROM read_parquet(\'{fontaines.parquet}\')'
            f" WHERE {where}",
            ["FONTAINE_ARCEAU"],
        ).fetchall()
    finally:
        oracle.close()
    request = RecordsRequest(where=('type_objet = "FONTAINE_ARCEAU"',), limit=100)
    whole = service.run_records(fontaines, request)  # geo fields: a projection on the page
    assert whole.total_count == len(rows)
    assert {"lon", "lat"} <= set(whole.table.to_pylist()[0]["geo_point_2d"])
    picked = service.run_records(
        fontaines, RecordsRequest(select="identifiant, voie", where=request.where, limit=100)
    )
    assert [tuple(r.values()) for r in picked.table.to_pylist()] == rows[:100]


def test_cache_hits_identical_without_running(query_home: Path, instance: Instance) -> None:  # noqa: F811
    queries = QueryService(Settings(home=query_home, query_cache_entries=16))
    try:
        handle = _handle(queries, instance, "dechets")
        request = RecordsRequest(where=("tonnage > 90",), limit=20)
        first = queries.run_records(handle, request)
        ran = queries.executions
        again = queries.run_records(handle, RecordsRequest(where=("  tonnage > 90 ",), limit=20))
        assert queries.executions == ran
        assert again.table.equals(first.table) and again.total_count == first.total_count
        queries.run_records(handle, RecordsRequest(where=("tonnage > 91",), limit=20))
        assert queries.executions > ran
        ran = queries.executions
        unkept = queries.run_records(handle, RecordsRequest(where=("tonnage > 92",)), keep=False)
        queries.run_records(handle, RecordsRequest(where=("tonnage > 92",)), keep=False)
        assert queries.executions == ran + 4  # page and count, twice: nothing was kept
        assert unkept.total_count > 0
    finally:
        queries.close()


def test_private_version_invisible_to_anonymous(service: QueryService, instance: Instance) -> None:
    with instance.session() as session:
        with pytest.raises(NotFoundError):
            service.open_version(instance, session, "prive", ANONYMOUS)
        assert service.open_version(instance, session, "prive", ADMIN).slug == "prive"
        with pytest.raises(NotFoundError):
            service.open_version(instance, session, "inconnu", ADMIN)


def test_facets_under_an_indexed_filter_equal_duckdb(
    service: QueryService, dechets: VersionHandle, oracle: duckdb.DuckDBPyConnection
) -> None:
    code = _values(oracle, "code_insee")[11]
    request = RecordsRequest(where=(f'code_insee = "{code}"',))
    ((name, table),) = service.run_facets(dechets, ["categorie"], request)
    expected = oracle.execute(
        "SELECT categorie, count(*) AS n FROM t WHERE code_insee = ? GROUP BY categorie"
        " ORDER BY n DESC, categorie",
        [code],
    ).fetchall()
    assert name == "categorie"
    assert [(r["value"], r["count"]) for r in table.to_pylist()] == expected
