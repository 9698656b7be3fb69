"""The bundled geography, loaded once for the whole session, and DuckDB over its Parquet."""

from collections.abc import Iterator

import duckdb
import pytest

from territoria.geo.geography import BUNDLE, Geography, geography


@pytest.fixture(scope="session")
def geo() -> Geography:
    return geography()


@pytest.fixture(scope="session")
def db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An oracle: hand-written SQL over the bundle itself, independent of our Python model."""
    connection = duckdb.connect()
    connection.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{BUNDLE}')")
    yield connection
    connection.close()
