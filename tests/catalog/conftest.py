"""Fixtures of the catalogue tests: an empty metadata database on each backend — a SQLite file,
or a fresh database on this worker's throwaway PostgreSQL server — migrated, and a session on it.

The PostgreSQL server comes from pgserver, whose wheel ships the postgres binaries: a machine
with Python and PyPI runs these tests, no Debian package or root needed. Each pytest-xdist worker
starts its own server in its own data folder; it never skips: if it cannot start, tests fail.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pgserver
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from territoria.catalog.database import make_engine, session_factory, upgrade

# Speed over durability (a throwaway server); Paris time as on a French production server, so
# that a timestamp read back in the server's zone instead of UTC shows.
SERVER_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
DATABASE_TIMEZONE = "Europe/Paris"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class Postgres:
    """This worker's PostgreSQL server and an administrative engine on it."""

    def __init__(self, server: pgserver.PostgresServer, admin: Engine) -> None:
        self.server = server
        self.admin = admin

    def url(self, database: str) -> str:
        """A libpq-style URL (``postgresql://…?host=SOCKET_DIR``), as a user would write it."""
        return self.server.get_uri(database)

    def create_database(self) -> str:
        """A new empty database in Paris time; its name."""
        name = f"test_{uuid.uuid4().hex[:16]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            zone = f"SET timezone = '{DATABASE_TIMEZONE}'"
            connection.execute(text(f'ALTER DATABASE "{name}" {zone}'))
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing the connections a test left open."""
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    """One throwaway PostgreSQL server per pytest worker, deleted at the end of the session."""
    data_dir = Path(tempfile.mkdtemp(prefix="territoria-pg-"))
    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    try:
        admin = make_engine(server.get_uri(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name, value in SERVER_SETTINGS.items():
                connection.execute(text(f"ALTER SYSTEM SET {name} = {value}"))
            connection.execute(text("SELECT pg_reload_conf()"))
        yield Postgres(server, admin)
        admin.dispose()
    finally:
        server.cleanup()


@pytest.fixture
def postgres_url(postgres: Postgres) -> Iterator[str]:
    """A fresh empty PostgreSQL database for one test, dropped after it."""
    name = postgres.create_database()
    yield postgres.url(name)
    postgres.drop_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file not yet created, in a folder not yet created."""
    return f"sqlite:///{tmp_path / 'meta' / 'territoria.db'}"


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest) -> str:
    """An empty metadata database on each backend in turn."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def catalog_url(empty_url: str) -> str:
    """A metadata database migrated to the latest revision, on each backend in turn."""
    upgrade(empty_url)
    return empty_url


@pytest.fixture
def engine(catalog_url: str) -> Iterator[Engine]:
    engine = make_engine(catalog_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session
