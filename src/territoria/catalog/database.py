"""Connections to the metadata database and its schema upgrades (Alembic, run from code)."""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from territoria.errors import UserError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Strict JSON on every backend: PostgreSQL refuses NaN and Infinity, SQLite would store them.
_json_dumps = functools.partial(json.dumps, allow_nan=False)


class MissingDriverError(UserError):
    """The database URL names a driver that is not installed."""

    code = "missing-database-driver"


class DatabaseUnreachableError(UserError):
    """The metadata database cannot be reached: server down, wrong host, name or password."""

    code = "database-unreachable"
    http_status = 503


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _driver_url(url: str) -> URL:
    """``url`` parsed; a bare ``postgresql://`` (or ``postgres://``) means psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL for concurrent readers, enforced foreign keys, durable commits."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite files get their folder, WAL mode and foreign keys;
    ``postgresql://`` URLs use psycopg 3, the driver of the ``postgresql`` extra."""
    parsed = _driver_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
    kwargs.setdefault("json_serializer", _json_dumps)
    try:
        engine = create_engine(parsed, **kwargs)
    except ImportError as error:
        raise MissingDriverError(
            f"pilote de base de données absent pour « {_shown(parsed)} » : {error}",
            f"database driver missing for '{_shown(parsed)}': {error}",
            hint_fr="pip install 'territoria[postgresql]' et une URL postgresql://…",
            hint_en="pip install 'territoria[postgresql]' and a postgresql://… URL",
            details={"driver": parsed.drivername},
        ) from error
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def reachable(engine: Engine) -> Iterator[None]:
    """Turn a failure to connect to ``engine``'s database into a user error (FR/EN); errors of
    statements on a live connection (a bug, a lock) are left as they are."""
    try:
        yield
    except OperationalError as error:
        if error.statement is not None:
            raise
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnreachableError(
            f"base de métadonnées injoignable « {_shown(engine.url)} » : {reason}",
            f"metadata database unreachable '{_shown(engine.url)}': {reason}",
            hint_fr="vérifiez TERRITORIA_METADATA_URL (hôte, base, utilisateur, mot de passe)",
            hint_en="check TERRITORIA_METADATA_URL (host, database, user, password)",
            details={"url": _shown(engine.url)},
        ) from error


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine``; objects stay readable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration built in code: no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migration_sql(dialect_name: str = "postgresql", revision: str = "head") -> str:
    """The DDL the migrations would run on ``dialect_name``, without a database (offline)."""
    buffer = io.StringIO()
    config = alembic_config()
    config.attributes["dialect_name"] = dialect_name
    config.attributes["output_buffer"] = buffer
    command.upgrade(config, revision, sql=True)
    return buffer.getvalue()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the metadata database at ``url`` to ``revision`` (idempotent)."""
    engine = make_engine(url)
    try:
        with reachable(engine):
            command.upgrade(alembic_config(engine), revision)
    finally:
        engine.dispose()


@functools.cache
def head_revision() -> str:
    """The revision the migrations shipped with this code lead to (what ``upgrade`` reaches)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration found in {MIGRATIONS_DIR}")
    return head


def current_revision(url: str) -> str | None:
    """The Alembic revision the database at ``url`` is at, None when never migrated."""
    engine = make_engine(url)
    try:
        with reachable(engine), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
