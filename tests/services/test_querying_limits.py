"""Query service under stress: time limit, threads, restarts, corrupt indexes, bounded memory."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest
from query_samples import query_home  # noqa: F401  (the session fixture)
from sqlglot import exp

from territoria.config import Settings
from territoria.query.request import RecordsRequest
from territoria.security.actor import ADMIN
from territoria.services.instance import open_instance
from territoria.services.query_cache import ResultsCache
from territoria.services.query_timeout import QueryTimeoutError
from territoria.services.querying import QueryService, VersionHandle


def _service(home: Path, **overrides: object) -> QueryService:
    return QueryService(Settings(home=home, query_cache_entries=0, **overrides))


def _open(service: QueryService, home: Path, slug: str = "dechets") -> VersionHandle:
    instance = open_instance(Settings(home=home))
    try:
        with instance.session() as session:
            return service.open_version(instance, session, slug, ADMIN)
    finally:
        instance.close()


def _codes(handle: VersionHandle, count: int) -> list[str]:
    with duckdb.connect() as con:
        source = f"read_parquet('{handle.parquet}')"
        sql = f"SELECT DISTINCT code_insee FROM {source} ORDER BY 1 LIMIT {count}"
        return [r[0] for r in con.execute(sql).fetchall()]


def _page(service: QueryService, handle: VersionHandle, code: str) -> tuple[int, list[object]]:
    result = service.run_records(
        handle, RecordsRequest(where=(f'code_insee = "{code}"',), limit=100)
    )
    return result.total_count, result.table.to_pylist()


def test_slow_query_is_cut_with_503(query_home: Path) -> None:  # noqa: F811
    service = _service(query_home, query_timeout_seconds=0.3)
    try:
        handle = _open(service, query_home)
        source = handle.source
        huge = (
            exp.select(exp.Count(this=exp.Star()))
            .from_(source.copy())
            .join(source.copy().as_("b"))
            .join(source.copy().as_("c"))
        )
        with pytest.raises(QueryTimeoutError) as raised:
            service.run_select(handle, huge)
        assert (raised.value.http_status, raised.value.code) == (503, "query-timeout")
        assert "0.3" in raised.value.message_fr and "0.3" in raised.value.message_en
        # the interrupted thread's next query runs normally
        counted = service.run_select(handle, exp.select(exp.Count(this=exp.Star())).from_(source))
        assert counted.column(0)[0].as_py() == handle.row_count
    finally:
        service.close()


def test_threads_get_the_answers_of_a_serial_run(query_home: Path) -> None:  # noqa: F811
    service = _service(query_home)
    try:
        handle = _open(service, query_home)
        codes = _codes(handle, 120)
        serial = [_page(service, handle, code) for code in codes]
        requests = [*codes, *codes]
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(lambda code: _page(service, handle, code), requests))
        scans = [
            service.run_records(
                handle, RecordsRequest(where=(f"tonnage > {n}",), limit=5)
            ).total_count
            for n in range(8)
        ]
        with ThreadPoolExecutor(max_workers=8) as pool:
            scanned = list(
                pool.map(
                    lambda n: (
                        service.run_records(
                            handle, RecordsRequest(where=(f"tonnage > {n}",), limit=5)
                        ).total_count
                    ),
                    range(8),
                )
            )
        assert threaded == serial + serial
        assert scanned == scans
    finally:
        service.close()


@pytest.mark.slow  # four services, each loading the spatial extension
def test_indexes_survive_a_restart_and_are_rebuilt_when_missing_or_corrupt(
    tmp_path: Path,
    query_home: Path,  # noqa: F811
) -> None:
    home = tmp_path / "home"
    shutil.copytree(query_home, home, ignore=shutil.ignore_patterns("cache"))
    first = _service(home)
    handle = _open(first, home)
    codes = _codes(handle, 30)
    expected = [_page(first, handle, code) for code in codes]
    assert first.accelerator.builds == 2  # the row store and the code_insee index
    first.close()

    restarted = _service(home)
    handle = _open(restarted, home)
    assert [_page(restarted, handle, code) for code in codes] == expected
    assert restarted.accelerator.builds == 0
    restarted.close()

    folder = home / "cache" / "query" / handle.key
    (index,) = folder.glob("index-*")
    (index / "offsets.npy").write_bytes(b"not an index")
    (folder / "rows.arrow").write_bytes((folder / "rows.arrow").read_bytes()[:1000])
    repaired = _service(home)
    handle = _open(repaired, home)
    assert [_page(repaired, handle, code) for code in codes] == expected
    assert repaired.accelerator.builds == 2
    repaired.close()

    shutil.rmtree(folder)
    rebuilt = _service(home)
    handle = _open(rebuilt, home)
    assert [_page(rebuilt, handle, code) for code in codes] == expected
    assert rebuilt.accelerator.builds == 2
    rebuilt.close()


@pytest.mark.slow
def test_concurrent_builders_of_one_index_agree(tmp_path: Path, query_home: Path) -> None:  # noqa: F811
    home = tmp_path / "home"
    shutil.copytree(query_home, home, ignore=shutil.ignore_patterns("cache"))
    services = [_service(home) for _ in range(4)]  # like four server processes
    try:
        handles = [_open(s, home) for s in services]
        code = _codes(handles[0], 1)[0]
        with ThreadPoolExecutor(max_workers=4) as pool:
            pages = list(
                pool.map(lambda pair: _page(*pair, code), zip(services, handles, strict=True))
            )
        assert all(page == pages[0] for page in pages) and pages[0][0] > 0
        leftovers = [p.name for p in (home / "cache" / "query").rglob(".*")]
        assert leftovers == []
    finally:
        for service in services:
            service.close()


def test_row_store_reads_rows_without_loading_the_version(query_home: Path) -> None:  # noqa: F811
    service = _service(query_home)
    try:
        handle = _open(service, query_home)
        _page(service, handle, _codes(handle, 1)[0])
        store = service.accelerator.row_store(handle.key, handle.parquet, handle.row_count)
        before = pa.total_allocated_bytes()
        rows = store.fetch(np.arange(0, handle.row_count, 997))
        grown = pa.total_allocated_bytes() - before
        assert rows.num_rows == len(range(0, handle.row_count, 997))
        assert grown < (handle.parquet.stat().st_size // 10)  # the page, not the version
    finally:
        service.close()


def test_results_cache_is_bounded_by_entries_and_bytes() -> None:
    table = pa.table({"x": pa.array(range(10_000), pa.int64())})  # 80 KB
    cache = ResultsCache(max_entries=5, max_bytes=10 * table.nbytes)
    for key in range(20):
        cache.put(key, table)
    assert len(cache) == 5 and cache.get(0) is None and cache.get(19) is table
    small = ResultsCache(max_entries=100, max_bytes=4 * table.nbytes)
    for key in range(20):
        small.put(key, table.slice(0, 2_500).combine_chunks())
    assert small.bytes <= 4 * table.nbytes and len(small) < 20
    assert ResultsCache(max_entries=0).get_or_compute("k", lambda: 1) == 1


def test_unusable_cache_folder_falls_back_to_scans(tmp_path: Path, query_home: Path) -> None:  # noqa: F811
    home = tmp_path / "home"
    shutil.copytree(query_home, home, ignore=shutil.ignore_patterns("cache"))
    (home / "cache").mkdir()
    (home / "cache" / "query").write_text("a file where the index folder should be")
    reference = _service(query_home)
    broken = _service(home)
    try:
        handle, expected_handle = _open(broken, home), _open(reference, query_home)
        codes = _codes(handle, 5)
        assert [_page(broken, handle, c) for c in codes] == [
            _page(reference, expected_handle, c) for c in codes
        ]
        assert broken.accelerator.failure is not None and broken.accelerator.builds == 0
    finally:
        broken.close()
        reference.close()
