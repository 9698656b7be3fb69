"""An instance on disk: home folder, metadata database, lake; created, opened and recovered here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from territoria.catalog.database import (
    current_revision,
    head_revision,
    make_engine,
    session_factory,
    upgrade,
)
from territoria.catalog.repository import referenced_lake_paths
from territoria.config import Settings
from territoria.errors import NotFoundError, UserError
from territoria.storage.lake import Lake
from territoria.storage.recovery import RecoveryReport, recover


class OutdatedCatalogueError(UserError):
    """The metadata database was made by an older Territoria: ``territoria init`` upgrades it."""

    code = "outdated-catalogue"
    http_status = 503


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

    def referenced() -> set[str]:  # read again by recovery before it erases anything
        with sessions() as session:
            return referenced_lake_paths(session)

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
    """Open an initialised instance, cleaning what a crashed writer left behind; a catalogue
    behind this code's migrations is refused (its queries would fail on missing columns), not
    upgraded behind the administrator's back (other servers may share a PostgreSQL catalogue)."""
    sqlite_file = _sqlite_file(settings)
    missing = sqlite_file is not None and not sqlite_file.is_file()
    revision = None if missing else current_revision(settings.catalog_url)
    if revision is None:
        raise NotFoundError(
            f"aucune instance Territoria dans « {settings.home} »",
            f"no Territoria instance in '{settings.home}'",
            hint_fr="lancez « territoria init » ou précisez --home / TERRITORIA_HOME",
            hint_en="run 'territoria init' or set --home / TERRITORIA_HOME",
            details={"home": str(settings.home)},
        )
    if revision != head_revision():
        raise OutdatedCatalogueError(
            f"catalogue de « {settings.home} » à la révision {revision}, "
            f"cette version de Territoria attend {head_revision()}",
            f"the catalogue of '{settings.home}' is at revision {revision}, "
            f"this Territoria expects {head_revision()}",
            hint_fr="sauvegardez-le puis lancez « territoria init » pour le mettre à jour",
            hint_en="back it up, then run 'territoria init' to upgrade it",
            details={"home": str(settings.home), "revision": revision, "head": head_revision()},
        )
    return _open(settings)
