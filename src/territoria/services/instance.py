"""An instance on disk: home folder, metadata database, lake; created, opened and recovered here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from territoria.catalog.database import current_revision, make_engine, session_factory, upgrade
from territoria.catalog.repository import referenced_lake_paths
from territoria.config import Settings
from territoria.errors import NotFoundError
from territoria.storage.lake import Lake
from territoria.storage.recovery import RecoveryReport, recover


@dataclass
class Instance:
    """An opened instance: its settings, metadata engine and sessions, and its lake."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    lake: Lake
    recovery: RecoveryReport

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A metadata session, closed on exit (the caller commits)."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        """Release the metadata connections."""
        self.engine.dispose()


def _sqlite_file(settings: Settings) -> Path | None:
    url = settings.catalog_url
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _open(settings: Settings) -> Instance:
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    lake = Lake(settings.lake_dir, settings.tmp_dir)
    engine = make_engine(settings.catalog_url)
    sessions = session_factory(engine)
    with sessions() as session:
        referenced = referenced_lake_paths(session)
    report = recover(lake, referenced)
    return Instance(settings, engine, sessions, lake, report)


def init_instance(settings: Settings) -> Instance:
    """Create (or upgrade) the instance in ``settings.home``; idempotent; runs recovery."""
    settings.home.mkdir(parents=True, exist_ok=True)
    settings.lake_dir.mkdir(parents=True, exist_ok=True)
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.catalog_url)
    return _open(settings)


def open_instance(settings: Settings) -> Instance:
    """Open an initialised instance, cleaning what a crashed writer left behind."""
    sqlite_file = _sqlite_file(settings)
    missing = sqlite_file is not None and not sqlite_file.is_file()
    if missing or current_revision(settings.catalog_url) is None:
        raise NotFoundError(
            f"aucune instance Territoria dans « {settings.home} »",
            f"no Territoria instance in '{settings.home}'",
            hint_fr="lancez « territoria init » ou précisez --home / TERRITORIA_HOME",
            hint_en="run 'territoria init' or set --home / TERRITORIA_HOME",
            details={"home": str(settings.home)},
        )
    return _open(settings)
