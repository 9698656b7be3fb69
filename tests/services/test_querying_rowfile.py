"""The row file (positioned reads) gives the same rows as the Parquet version itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from query_samples import query_home  # noqa: F401  (the session fixture)

from territoria.config import Settings
from territoria.security.actor import ADMIN
from territoria.services.instance import open_instance
from territoria.services.querying import QueryService, VersionHandle
from territoria.services.row_store import PREAD_ROWS, RowStore, row_file_of


@pytest.fixture(scope="module")
def opened(query_home: Path) -> Iterator[tuple[QueryService, dict[str, VersionHandle]]]:  # noqa: F811
    instance = open_instance(Settings(home=query_home))
    service = QueryService(Settings(home=query_home, query_cache_entries=0))
    with instance.session() as session:
        handles = {
            slug: service.open_version(instance, session, slug, ADMIN)
            for slug in ("dechets", "fontaines")
        }
    yield service, handles
    service.close()
    instance.close()


@pytest.mark.parametrize("slug", ["dechets", "fontaines"])
@pytest.mark.parametrize("size", [1, 37, PREAD_ROWS, PREAD_ROWS + 1])
def test_rows_by_position_equal_the_parquet_rows(
    opened: tuple[QueryService, dict[str, VersionHandle]], slug: str, size: int
) -> None:
    service, handles = opened
    handle = handles[slug]
    store = service.accelerator.row_store(handle.key, handle.parquet, handle.row_count)
    rng = np.random.default_rng(size)
    ids = np.sort(rng.choice(handle.row_count, min(size, handle.row_count), replace=False))
    expected = pq.read_table(handle.parquet).take(ids)
    fetched = store.fetch(ids)
    assert fetched.schema.equals(expected.schema, check_metadata=False)
    assert fetched.to_pylist() == expected.to_pylist()


def test_a_store_without_row_file_is_rebuilt(
    opened: tuple[QueryService, dict[str, VersionHandle]], tmp_path: Path
) -> None:
    service, handles = opened
    handle = handles["fontaines"]
    fresh = QueryService(Settings(home=service.settings.home, query_cache_entries=0))
    try:
        store = fresh.accelerator.row_store(handle.key, handle.parquet, handle.row_count)
        path = fresh.accelerator.root / handle.key / "rows.arrow"
        assert isinstance(store, RowStore) and row_file_of(path).exists()
        row_file_of(path).unlink()  # as a store built before row files existed
        fresh.accelerator.release()
        built = fresh.accelerator.builds
        again = fresh.accelerator.row_store(handle.key, handle.parquet, handle.row_count)
        assert fresh.accelerator.builds == built + 1 and row_file_of(path).exists()
        first = again.fetch(np.arange(3))
        assert first.to_pylist() == pq.read_table(handle.parquet).slice(0, 3).to_pylist()
    finally:
        fresh.close()
