"""Fixtures of the native API's tests: throwaway instances the write tests may dirty, and one
computed instance that the read-only indicator and territory tests share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from indicator_server import computed_instance
from live_server import ADMIN_TOKEN, SAMPLES, client, serving
from throwaway import SMALL_LIMIT, Served, empty_instance, served

from territoria.config import Settings
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


@pytest.fixture(scope="session")
def computed_http(
    instance_copy: Callable[[str, Callable[[Path], object]], Path],
) -> Iterator[httpx.Client]:
    """An anonymous client of a real uvicorn serving the computed packs of
    :mod:`indicator_server`, for the read-only indicator and territory API tests: built once
    per run (tests/conftest.py), served from this worker's copy."""
    home = instance_copy("computed-packs-api", computed_instance)
    settings = Settings(home=home, admin_token=ADMIN_TOKEN)
    with serving(settings) as base, client(base) as anonymous:
        yield anonymous
