"""One-column predicates (``like``, ``startswith``, ranges) decided on a column's distinct
values give exactly the rows and totals of a scan, on generated and real files."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_samples import query_home  # noqa: F401  (the session fixture)
from sqlglot import exp, parse_one

from territoria.config import Settings
from territoria.engine.column_predicates import column_predicates, over_values
from territoria.query.request import RecordsRequest
from territoria.security.actor import ADMIN
from territoria.services.instance import Instance, open_instance
from territoria.services.query_records import CANDIDATES
from territoria.services.querying import QueryService, VersionHandle


@pytest.fixture(scope="module")
def home(query_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """A copy of the query instance without index files yet (builds are counted)."""
    copy = tmp_path_factory.mktemp("predicates") / "home"
    shutil.copytree(query_home, copy, ignore=shutil.ignore_patterns("cache"))
    return copy


@pytest.fixture(scope="module")
def instance(home: Path) -> Iterator[Instance]:
    opened = open_instance(Settings(home=home))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def indexed(home: Path) -> Iterator[QueryService]:
    """The service as a server runs it (no results cache: every answer is computed)."""
    queries = QueryService(Settings(home=home, query_cache_entries=0))
    yield queries
    queries.close()


@pytest.fixture(scope="module")
def scanning(home: Path) -> Iterator[QueryService]:
    """The same service with its indexes off: every answer is a scan, the reference."""
    queries = QueryService(Settings(home=home, query_cache_entries=0))
    queries.accelerator.disable(OSError("indexes off: this service is the scan reference"))
    yield queries
    queries.close()


def _handle(service: QueryService, instance: Instance, slug: str) -> VersionHandle:
    with instance.session() as session:
        return service.open_version(instance, session, slug, ADMIN)


def _distinct(handle: VersionHandle, column: str) -> list[object]:
    query = f'SELECT DISTINCT "{column}" FROM read_parquet(?) WHERE "{column}" IS NOT NULL'
    with duckdb.connect() as con:
        return sorted(row[0] for row in con.execute(query, [str(handle.parquet)]).fetchall())


def _fragment(value: object, start: int, length: int) -> str:
    text = str(value)
    start %= max(len(text), 1)
    return text[start : start + 1 + length % 4].replace('"', "")


FORMS = {
    "dechets": [
        ('categorie like "{f}"', "categorie"),
        ('startswith(categorie, "{f}")', "categorie"),
        ('not categorie like "{f}"', "categorie"),
        ("date >= date'{d}'", "date"),
        ('categorie like "{f}" and tonnage > 20', "categorie"),
        ('code_insee like "{f}"', "code_insee"),
        ("categorie like \"{f}\" and date < date'{d}'", "categorie"),
    ],
    "fontaines": [
        ('commune like "{f}"', "Commune"),
        ('not commune like "{f}"', "Commune"),
        ('n_voie_pair like "{f}"', "N° Voie Pair"),
        ('not n_voie_pair like "{f}"', "N° Voie Pair"),  # true where the number is missing
        ('modele >= "{f}"', "Modèle"),
        ('voie like "{f}" and type_objet = "FONTAINE_2EN1"', "Voie"),
    ],
}


@settings(max_examples=60, deadline=None)
@given(
    slug=st.sampled_from(sorted(FORMS)),
    form=st.integers(0, 100),
    pick=st.integers(0, 10**6),
    start=st.integers(0, 20),
    length=st.integers(0, 20),
    offset=st.sampled_from([0, 0, 7]),
)
def test_predicates_answer_as_the_scan(
    indexed: QueryService,
    scanning: QueryService,
    instance: Instance,
    slug: str,
    form: int,
    pick: int,
    start: int,
    length: int,
    offset: int,
) -> None:
    where, column = FORMS[slug][form % len(FORMS[slug])]
    handle = _handle(indexed, instance, slug)
    values = _distinct(handle, column)
    value = values[pick % len(values)]
    day = value if isinstance(value, dt.date) else dt.date(2020, 1 + pick % 12, 1)
    text = where.format(f=_fragment(value, start, length), d=day.isoformat())
    request = RecordsRequest(where=(text,), limit=50, offset=offset)
    ours = indexed.run_records(handle, request)
    reference = scanning.run_records(_handle(scanning, instance, slug), request)
    assert ours.total_count == reference.total_count, text
    assert ours.table.to_pylist() == reference.table.to_pylist(), text


def test_a_contains_filter_reads_no_row_it_does_not_return(
    indexed: QueryService, scanning: QueryService, instance: Instance
) -> None:
    handle = _handle(indexed, instance, "fontaines")
    ran: list[str] = []
    loads = indexed.pool.before
    indexed.pool.before = lambda sql: (ran.append(sql), loads(sql) if loads else None)[-1]
    try:
        request = RecordsRequest(where=('commune like "paris 1"',), limit=10)
        ours = indexed.run_records(handle, request)
    finally:
        indexed.pool.before = loads
    # decided on the column's distinct values, then run on the passing rows: never a scan
    assert ran and all(handle.view not in sql or CANDIDATES in sql for sql in ran), ran
    index = indexed.accelerator.value_index(handle.key, handle.parquet, "Commune", handle.row_count)
    assert len(index.values) * 4 <= handle.row_count
    reference = scanning.run_records(_handle(scanning, instance, "fontaines"), request)
    assert ours.total_count == reference.total_count > 0
    assert ours.table.to_pylist() == reference.table.to_pylist()


def test_only_one_column_conjuncts_are_decided_per_value() -> None:
    where = parse_one(
        "SELECT 1 FROM t WHERE a LIKE '%x%' AND b = 'y' AND (c > 1 OR d < 2) "
        "AND e > (SELECT max(e) FROM t) AND t.f > 0 AND LOWER(g) >= 'k'",
        dialect="duckdb",
    ).args["where"]
    found = column_predicates(where)
    assert [predicate.column for predicate in found] == ["a", "g"]
    rewritten = over_values(found[1])
    assert rewritten.sql(dialect="duckdb") == "LOWER(\"v\") >= 'k'"
    assert isinstance(found[0].node, exp.Like)


def test_a_server_scans_while_the_index_builds_then_uses_it(
    query_home: Path,  # noqa: F811
    tmp_path: Path,
    scanning: QueryService,
    instance: Instance,
) -> None:
    home = tmp_path / "home"
    shutil.copytree(query_home, home, ignore=shutil.ignore_patterns("cache"))
    server = QueryService(Settings(home=home, query_cache_entries=0), background_builds=True)
    opened = open_instance(Settings(home=home))
    try:
        handle = _handle(server, opened, "fontaines")
        reference = scanning.run_records(
            _handle(scanning, instance, "fontaines"),
            RecordsRequest(where=('commune like "paris 1" and type_objet = "FONTAINE_2EN1"',)),
        )
        request = RecordsRequest(where=('commune like "paris 1" and type_objet = "FONTAINE_2EN1"',))
        first = server.run_records(handle, request)  # no index yet: a scan, builds started
        assert (first.total_count, first.table.to_pylist()) == (
            reference.total_count,
            reference.table.to_pylist(),
        )
        deadline = time.monotonic() + 60
        columns = ("", "Commune", "Type Objet")
        while not all(server.accelerator.ready(handle.key, c) for c in columns):
            assert time.monotonic() < deadline, "the background builds never finished"
            time.sleep(0.05)
        ran: list[str] = []
        loads = server.pool.before
        server.pool.before = lambda sql: (ran.append(sql), loads(sql) if loads else None)[-1]
        again = server.run_records(handle, request)
        assert ran and all(handle.view not in sql or CANDIDATES in sql for sql in ran), ran
        assert again.table.to_pylist() == reference.table.to_pylist()
    finally:
        server.close()
        opened.close()
