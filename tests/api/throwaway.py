"""Throwaway instances behind their own real uvicorn, for tests that write or change limits.

The shared live instance (``live_url``) is read by every API's tests: uploads, rollbacks, a
small upload limit and fuzzing with the administrator's token run on instances of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from live_server import ADMIN_TOKEN, client, serving

from territoria.config import Settings
from territoria.services.instance import init_instance

SMALL_LIMIT = 50_000  # bytes: the upload limit of the small instances of the tests


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


def empty_instance(home: Path, **overrides: object) -> Settings:
    """A new empty instance in ``home`` with the test administrator's token."""
    settings = Settings(home=home, admin_token=ADMIN_TOKEN, **overrides)  # type: ignore[arg-type]
    init_instance(settings).close()
    return settings


@contextmanager
def served(settings: Settings) -> Iterator[Served]:
    """``settings``' instance served by a real uvicorn on loopback while the block runs."""
    with serving(settings) as url:
        yield Served(settings, url)
