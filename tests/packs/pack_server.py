"""A real uvicorn on a free loopback port serving a pack instance (for the upload test)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from loopback_uvicorn import serve_app

from territoria.api.app import create_app
from territoria.config import Settings


@contextmanager
def served(settings: Settings) -> Iterator[str]:
    """Serve ``settings``' instance in a thread; yields the base URL."""
    with serve_app(create_app(settings)) as base:
        yield base
