"""A number that changes whenever any process commits to the catalogue: the key of caches
that must not outlive a catalogue edit (the visibility of a dataset, its latest version).

SQLite: ``PRAGMA data_version`` on one dedicated read-only connection. SQLite documents it
as unchanged by commits of that same connection and changed by every commit of any other
connection, in this process or another one (``territoria datasets edit`` in a shell), and it
reads no table: a few microseconds. PostgreSQL: one cheap aggregate over the two tables
visibility reads (datasets' count, largest id and latest ``updated_at``; versions' count,
largest id and committed count), a round trip but no ORM. Other or in-memory databases:
None, meaning "unknown", and callers then ask the catalogue every time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable

from sqlalchemy import Engine, text

_POSTGRES_REVISION = text(
    "SELECT (SELECT count(*) FROM dataset), (SELECT max(id) FROM dataset),"
    " (SELECT max(updated_at) FROM dataset), (SELECT count(*) FROM version),"
    " (SELECT max(id) FROM version),"
    " (SELECT count(*) FROM version WHERE status = 'committed')"
)


class CatalogueRevision:
    """The catalogue's current revision (thread-safe; one per server process)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._sqlite: sqlite3.Connection | None = None
        database = engine.url.database
        self.backend = engine.url.get_backend_name()
        on_disk = database is not None and database not in ("", ":memory:")
        on_disk = on_disk and not str(database).startswith("file:")
        if self.backend == "sqlite" and on_disk:
            # read-only: this connection never commits, so every commit is another's
            self._sqlite = sqlite3.connect(
                f"file:{database}?mode=ro", uri=True, check_same_thread=False
            )

    def current(self) -> Hashable | None:
        """The revision now; None when it cannot be known cheaply (ask the catalogue)."""
        if self._sqlite is not None:
            with self._lock:
                row = self._sqlite.execute("PRAGMA data_version").fetchone()
            return int(row[0])
        if self.backend == "postgresql":
            with self._engine.connect() as connection:
                found = connection.execute(_POSTGRES_REVISION).one()
            return tuple(str(value) for value in found)
        return None

    def close(self) -> None:
        """Close the dedicated connection."""
        with self._lock:
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
