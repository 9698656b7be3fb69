"""DuckDB's spatial extension loaded into a database only when a query first needs it.

Loading it costs about 1.3 s and some 60 MB of resident memory per database; most servers
answer pages, totals and exports with no geo function, so a server loads it on the first
compiled query calling one (``st_…``: ODSQL's geo predicates, ``distance()``, ``bbox()``,
geo shapes read as geometries), once per database, for all its cursors.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import duckdb
from sqlglot import exp

from territoria.query.spatial import load_spatial

_CALL = re.compile(r"\bst_[a-z_0-9]+\s*\(", re.IGNORECASE)


def uses_spatial(*queries: exp.Expression | None) -> bool:
    """Whether any of ``queries`` calls a function of the spatial extension."""
    for query in queries:
        if query is None:
            continue
        for node in query.find_all(exp.Anonymous):
            if str(node.this).lower().startswith("st_"):
                return True
    return False


def pin_utc(con: duckdb.DuckDBPyConnection) -> None:
    """The session time zone compiled queries assume (stored timestamps are UTC)."""
    con.execute("SET TimeZone = 'UTC'")


class LazySpatial:
    """Loads spatial into one database the first time :meth:`ensure` sees a geo query."""

    def __init__(self, database: Callable[[], duckdb.DuckDBPyConnection]) -> None:
        self._database = database
        self._lock = threading.Lock()
        self.loaded = False

    def ensure_sql(self, sql: str) -> None:
        """:meth:`ensure` for a query's SQL text: a text search, cheaper than a tree walk (a
        quoted name or literal holding ``st_x(`` loads spatial needlessly, harmlessly)."""
        if not self.loaded and _CALL.search(sql) is not None:
            with self._lock:
                if not self.loaded:
                    load_spatial(self._database())
                    self.loaded = True

    def ensure(self, *queries: exp.Expression | None) -> None:
        """Load spatial now if one of ``queries`` needs it and it is not loaded yet."""
        if self.loaded or not uses_spatial(*queries):
            return
        with self._lock:
            if not self.loaded:
                load_spatial(self._database())  # LOAD is database-wide: every cursor sees it
                self.loaded = True
