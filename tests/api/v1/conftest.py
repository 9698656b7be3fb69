"""Fixtures of the native API's tests: throwaway instances the write tests may dirty.

The shared live instance (``live_url``) is read by every API's tests, so uploads, rollbacks
and the 413 limit run on instances of their own, each behind its own real uvicorn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from live_server import ADMIN_TOKEN, SAMPLES, client, serving

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import ingest_file
from territoria.services.instance import init_instance

SMALL_LIMIT = 50_000  # bytes: the upload limit of the ``small`` instance


@dataclass
class Served:
    """An instance and the base URL of the uvicorn serving it."""

    settings: Settings
    url: str

    def admin(self) -> httpx.Client:
        """A client holding the administrator's token."""
        return client(self.url, admin=True)

    def anon(self) -> httpx.Client:
        """An anonymous client."""
        return client(self.url)

    def lake_files(self) -> set[str]:
        """Every file of the lake, relative to it (what a refused upload must leave alone)."""
        root = self.settings.lake_dir
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _instance(home: Path, **overrides: object) -> Settings:
    settings = Settings(home=home, admin_token=ADMIN_TOKEN, **overrides)  # type: ignore[arg-type]
    init_instance(settings).close()
    return settings


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A fresh instance holding one public dataset (``fontaines``), for write tests."""
    settings = _instance(tmp_path_factory.mktemp("v1-writable") / "home")
    ingest_file(
        SAMPLES / "eau/fontaines-a-boire-paris-2021.csv",
        "fontaines",
        schema_ref=None,
        org_code=None,
        quarantine=False,
        options=ReadOptions(),
        settings=settings,
    )
    with serving(settings) as url:
        yield Served(settings, url)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An empty instance accepting uploads of at most :data:`SMALL_LIMIT` bytes."""
    settings = _instance(tmp_path_factory.mktemp("v1-small") / "home", max_upload_bytes=SMALL_LIMIT)
    with serving(settings) as url:
        yield Served(settings, url)
