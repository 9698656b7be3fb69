"""Rows matching equalities found without a scan, through per-version files built on demand.

For each version a query filters by equality, the instance's cache folder gets, once: the
version's row store (rows by position) and one value index per filtered column. Versions are
immutable, so these files are never invalidated; they are built the first time a query needs
them (ingestion is never slowed), found again after a restart, rebuilt when missing or
corrupt, and written aside then renamed, so concurrent builders (threads or processes) are
safe. Only text, integer and date columns are indexed, against literals of their type.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import multiprocessing
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from hashlib import sha1
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from territoria.engine.equalities import Equality
from territoria.services.row_store import CorruptStoreError, RowStore, build_row_store
from territoria.services.value_index import ValueIndex, build_value_index

T = TypeVar("T")
log = logging.getLogger(__name__)
OPEN_LIMIT = 256
"""Opened stores and indexes kept at most (each is a few memory maps)."""


def indexable_type(column_type: pa.DataType) -> bool:
    """Whether columns of ``column_type`` get value indexes (text, integers, dates)."""
    return bool(
        pa.types.is_string(column_type)
        or pa.types.is_large_string(column_type)
        or pa.types.is_integer(column_type)
        or pa.types.is_date32(column_type)
    )


def _indexable(column_type: pa.DataType, values: Sequence[object]) -> bool:
    if pa.types.is_string(column_type) or pa.types.is_large_string(column_type):
        return all(isinstance(v, str) for v in values)
    if pa.types.is_integer(column_type):
        return all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    if pa.types.is_date32(column_type):
        return all(type(v) is dt.date for v in values)
    return False


def _build_apart(parquet: Path, target: Path) -> None:
    """Build a row store in a child process: it pickles every row in Python (~3 s for a
    million), which in the server's own process would hold the GIL from its requests. The
    child writes aside then renames, as any builder; a failed child leaves the build to
    :meth:`Accelerator.row_store`."""
    child = multiprocessing.get_context("spawn").Process(
        target=build_row_store, args=(parquet, target), name="territoria-row-store", daemon=True
    )
    try:
        child.start()
    except (AssertionError, OSError):  # a daemonic parent cannot have children: build here
        return
    child.join()


@functools.lru_cache(maxsize=4096)
def _index_folder(column: str) -> str:
    """A file name for any column label (labels hold spaces, accents, slashes…)."""
    return f"index-{sha1(column.encode()).hexdigest()[:16]}"


class Accelerator:
    """Opens (building when needed) row stores and value indexes under ``root``."""

    def __init__(
        self,
        root: Path,
        cursor: Callable[[], duckdb.DuckDBPyConnection],
        background: bool = False,
    ) -> None:
        self.root = root
        self._cursor = cursor
        self.background = background
        """Whether a missing file is built in a thread while the query scans (a server), or
        built before the query goes on (scripts, tests: the same answer either way)."""
        self._pending: set[tuple[str, str]] = set()
        self._opened: OrderedDict[tuple[str, str], RowStore | ValueIndex] = OrderedDict()
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()
        self.builds = 0
        """Files built by this process (tests check that a restart reuses them)."""
        self.failure: OSError | None = None
        """Why the cache folder proved unusable (then every query scans), if it did."""

    def opened(self, key: str, columns: Sequence[str]) -> bool:
        """Whether version ``key``'s row store and the indexes of ``columns`` are open
        already (using them then needs no file to open, no build)."""
        with self._guard:
            return (key, "") in self._opened and all((key, c) in self._opened for c in columns)

    def release(self) -> None:
        """Forget the opened stores and indexes, unmapping them once no query holds them:
        their pages leave this process's resident set (they stay in the OS page cache, so
        re-opening on the next query costs a footer read and minor faults, no disk read).
        For memory-heavy work, such as an export streaming a whole version."""
        with self._guard:
            self._opened.clear()

    def disable(self, error: OSError) -> None:
        """Stop using indexes in this process: ``root`` cannot be written or read."""
        if self.failure is None:
            log.warning("query indexes off, queries will scan: %s: %s", self.root, error)
        self.failure = error

    def _open(
        self, key: tuple[str, str], path: Path, build: Callable[[], None], load: Callable[[], T]
    ) -> T:
        with self._guard:
            found = self._opened.get(key)
            if found is not None:
                self._opened.move_to_end(key)  # least recently used first out
            lock = self._locks.setdefault(key, threading.Lock())
        if found is not None:
            return found  # type: ignore[return-value]
        with lock:  # one builder per file in this process; others wait for it
            with self._guard:
                found = self._opened.get(key)
            if found is not None:
                return found  # type: ignore[return-value]
            try:
                if not path.exists():
                    raise CorruptStoreError(f"{path}: missing")
                opened = load()
            except CorruptStoreError:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                build()
                self.builds += 1
                opened = load()
            with self._guard:
                self._opened[key] = opened  # type: ignore[assignment]
                while len(self._opened) > OPEN_LIMIT:
                    self._opened.popitem(last=False)
            return opened

    def _path(self, key: str, column: str) -> Path:
        return self.root / key / ("rows.arrow" if column == "" else _index_folder(column))

    def ready(self, key: str, column: str = "") -> bool:
        """Whether version ``key``'s index of ``column`` (its row store for ``""``) is open or
        built on disk: using it then costs no build."""
        with self._guard:
            if (key, column) in self._opened:
                return True
        return self._path(key, column).exists()

    def _build_soon(self, key: str, column: str, build: Callable[[], object]) -> None:
        """Run ``build`` in a thread of its own, once at a time per file."""
        with self._guard:
            if (key, column) in self._pending:
                return
            self._pending.add((key, column))

        def run() -> None:
            try:
                build()
            except OSError as error:  # the cache folder is unusable: queries scan from now on
                self.disable(error)
            except Exception:  # a failed build must never take the server down: it scans
                log.exception("query index build failed: %s %s", key, column)
            finally:
                with self._guard:
                    self._pending.discard((key, column))

        threading.Thread(target=run, name=f"index-{key}-{column}", daemon=True).start()

    def available(self, key: str, parquet: Path, columns: Sequence[str], row_count: int) -> bool:
        """Whether the row store and the indexes of ``columns`` can be used by this query. In
        background mode, missing ones are started in threads and this query should scan;
        otherwise they are built now, and the answer is yes."""
        if not self.background:
            return True
        missing = [c for c in ("", *columns) if not self.ready(key, c)]
        for column in missing:
            self._build_soon(
                key, column, functools.partial(self._build, key, parquet, column, row_count)
            )
        return not missing

    def _build(self, key: str, parquet: Path, column: str, row_count: int) -> None:
        if column == "":
            _build_apart(parquet, self._path(key, ""))
            self.row_store(key, parquet, row_count)  # opens what the child wrote
        else:
            self.value_index(key, parquet, column, row_count)

    def row_store(self, key: str, parquet: Path, row_count: int) -> RowStore:
        """The row store of version ``key`` (built on first use)."""
        path = self._path(key, "")
        return self._open(
            (key, ""),
            path,
            lambda: build_row_store(parquet, path),
            lambda: RowStore(path, row_count),
        )

    def value_index(self, key: str, parquet: Path, column: str, row_count: int) -> ValueIndex:
        """The value index of ``column`` in version ``key`` (built on first use)."""
        folder = self._path(key, column)
        return self._open(
            (key, column),
            folder,
            lambda: build_value_index(self._cursor(), parquet, column, folder),
            lambda: ValueIndex(folder, row_count),
        )

    def candidates(
        self, key: str, parquet: Path, schema: pa.Schema, row_count: int, wanted: list[Equality]
    ) -> npt.NDArray[np.int64] | None:
        """Ascending positions of the rows meeting every usable equality of ``wanted`` (a
        superset of the answer when some were not usable), or None when none was usable or,
        in background mode, when the files they need are still being built."""
        if self.failure is not None:
            return None
        usable = [
            e
            for e in wanted
            if e.column in schema.names and _indexable(schema.field(e.column).type, e.values)
        ]
        if not usable or not self.available(key, parquet, [e.column for e in usable], row_count):
            return None
        found: npt.NDArray[np.int64] | None = None
        for equality in usable:
            index = self.value_index(key, parquet, equality.column, row_count)
            rows = index.positions(equality.values)
            found = rows if found is None else np.intersect1d(found, rows, assume_unique=True)
            if len(found) == 0:
                break
        return found

    def usable(self, schema: pa.Schema, wanted: list[Equality]) -> bool:
        """Whether every equality of ``wanted`` can be answered by an index."""
        return all(
            e.column in schema.names and _indexable(schema.field(e.column).type, e.values)
            for e in wanted
        )
