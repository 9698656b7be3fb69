"""Results of queries kept by (version, normalised request): LRU bounded by entries and bytes.

Versions are immutable, so a result never goes stale and nothing invalidates an entry; the
bounds alone decide what is dropped (the least recently used first).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pyarrow as pa

DEFAULT_MAX_BYTES = 64 * 1024**2
"""Bytes the cache may hold at most (results are small pages; a group-by is a few KB)."""

_NOW = re.compile(r"\bnow\s*\(", re.IGNORECASE)


def time_dependent(key: Hashable) -> bool:
    """Whether a key's request text calls ODSQL's ``now()``: its value is fixed when the
    query is compiled, so a kept answer would freeze ``date > now(days=-1)`` for ever.
    (A ``now(`` inside a string literal is caught too: a needless miss, never a stale hit.)"""
    if isinstance(key, str):
        return _NOW.search(key) is not None
    if isinstance(key, tuple | frozenset):
        return any(time_dependent(item) for item in key)
    return False


def size_of(value: Any) -> int:
    """Approximate bytes of a cached value: Arrow buffers, bytes, or a result's tables."""
    if isinstance(value, pa.Table | pa.RecordBatch):
        return int(value.nbytes)
    if isinstance(value, bytes | bytearray | memoryview):
        return len(value)
    if isinstance(value, list | tuple):
        return 64 + sum(size_of(item) for item in value)
    tables = [v for v in getattr(value, "__dict__", {}).values() if isinstance(v, pa.Table)]
    return 256 + sum(int(t.nbytes) for t in tables)


class ResultsCache:
    """A thread-safe LRU map; 0 entries disables it (every lookup misses)."""

    def __init__(self, max_entries: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def bytes(self) -> int:
        """Bytes held now."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Any | None:
        """The value kept for ``key`` (now the most recent), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def peek(self, key: Hashable) -> Any | None:
        """:meth:`get`, except for a key whose request calls ``now()`` (never kept)."""
        return None if time_dependent(key) else self.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` unless it alone exceeds the byte bound; drop the oldest beyond."""
        size = size_of(value)
        if self.max_entries <= 0 or size > self.max_bytes // 4:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, else ``compute()`` kept for next time.

        Two threads missing the same key both compute it: queries are read-only and
        idempotent, and a lock held across a query would serialise unrelated requests.
        A key whose request calls ``now()`` is computed every time (:func:`time_dependent`).
        """
        if time_dependent(key):
            return compute()
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value
