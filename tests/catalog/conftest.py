"""Fixtures of the catalogue tests: a migrated SQLite file per test and a session on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from territoria.catalog.database import make_engine, session_factory, upgrade


@pytest.fixture
def catalog_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'meta' / 'territoria.db'}"
    upgrade(url)
    return url


@pytest.fixture
def session(catalog_url: str) -> Iterator[Session]:
    engine = make_engine(catalog_url)
    with session_factory(engine)() as session:
        yield session
    engine.dispose()
