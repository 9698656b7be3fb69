"""Fixtures of the native API's tests: throwaway instances the write tests may dirty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from live_server import SAMPLES
from throwaway import SMALL_LIMIT, Served, empty_instance, served

from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import ingest_file


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A fresh instance holding one public dataset (``fontaines``), for write tests."""
    settings = empty_instance(tmp_path_factory.mktemp("v1-writable") / "home")
    ingest_file(
        SAMPLES / "eau/fontaines-a-boire-paris-2021.csv",
        "fontaines",
        schema_ref=None,
        org_code=None,
        quarantine=False,
        options=ReadOptions(),
        settings=settings,
    )
    with served(settings) as server:
        yield server


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An empty instance accepting uploads of at most :data:`SMALL_LIMIT` bytes."""
    home = tmp_path_factory.mktemp("v1-small") / "home"
    with served(empty_instance(home, max_upload_bytes=SMALL_LIMIT)) as server:
        yield server
