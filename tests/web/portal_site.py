"""The demo instance (the bundled real public data, the five packs computed) served with
the portal by a real uvicorn on loopback, as ``territoria demo`` serves it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loopback_uvicorn import serve_app

from territoria.config import Settings
from territoria.server import create_server_app
from territoria.services.demo import build_demo

ADMIN_TOKEN = "portal-tests-admin-token"


def demo_settings(home: Path, **overrides: object) -> Settings:
    """Settings of a demo instance in ``home`` (built by :func:`build_portal_demo`)."""
    return Settings(home=home, admin_token=ADMIN_TOKEN, **overrides)  # type: ignore[arg-type]


def build_portal_demo(home: Path) -> Settings:
    """A fresh demo instance in ``home``."""
    settings = demo_settings(home)
    build_demo(settings)
    return settings


@contextmanager
def serving_portal(settings: Settings) -> Iterator[str]:
    """Serve APIs and portal for ``settings`` on a free loopback port; yields the base URL."""
    with serve_app(create_server_app(settings)) as base:
        yield base
