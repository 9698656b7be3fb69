"""Fixtures of the HTTP tests: one real instance and one live uvicorn per test session."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import build_instance, client, serving

from territoria.config import Settings


@pytest.fixture(scope="session")
def live_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the shared instance (three public real datasets, one private)."""
    return build_instance(tmp_path_factory.mktemp("live") / "home")


@pytest.fixture(scope="session")
def live_url(live_settings: Settings) -> Iterator[str]:
    """Base URL of a real uvicorn serving the shared instance on loopback."""
    with serving(live_settings) as base:
        yield base


@pytest.fixture
def anon(live_url: str) -> Iterator[httpx.Client]:
    """An anonymous client of the live server."""
    with client(live_url) as http:
        yield http


@pytest.fixture
def admin(live_url: str) -> Iterator[httpx.Client]:
    """A client of the live server holding the administrator's token."""
    with client(live_url, admin=True) as http:
        yield http
