"""A results version's table with the lookups a territory's page makes, built once per version.

A version never changes, so what is derived from it never goes stale: the row positions of
each territory and of each (indicator, level), and, built on first use, the peers' values of
an (indicator, level) per combination and period. A page then reads its territory's few rows
and compares with dictionary lookups instead of filtering the whole table again.

Each results dataset's latest version read is kept (:func:`read_indexed`), the one before it
let go: about twice the Parquet table's Arrow size per pack, plus the peers' values read.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

LEADING = ("indicateur", "territoire", "niveau", "periode")
MEASURES = ("valeur", "numerateur", "denominateur", "contributeurs", "attendus")
Key = tuple[str | None, ...]
PeerValues = dict[Key, dict[str, dict[str, float | None]]]  # combination → period → id → value


def _positions(columns: Sequence[pa.ChunkedArray]) -> dict[tuple[Any, ...], np.ndarray]:
    """Row positions (in table order) per distinct value of ``columns``."""
    codes = np.zeros(len(columns[0]), np.int64)
    dictionaries = []
    for column in columns:
        encoded = column.combine_chunks().dictionary_encode(null_encoding="encode")
        size = len(encoded.dictionary)
        codes = codes * size + encoded.indices.to_numpy(zero_copy_only=False)
        dictionaries.append((encoded.dictionary.to_pylist(), size))
    found: dict[tuple[Any, ...], np.ndarray] = {}
    if not len(codes):
        return found
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]).tolist()
    for start, end in zip(starts, [*starts[1:], len(ordered)], strict=True):
        code, parts = int(ordered[start]), []
        for values, size in reversed(dictionaries):
            code, index = divmod(code, size)
            parts.append(values[index])
        found[tuple(reversed(parts))] = order[start:end]
    return found


RUNS = 256
"""Up to this many runs of consecutive rows, rows are gathered as slices of the table."""


def _gather(table: pa.Table, positions: np.ndarray) -> pa.Table:
    """The rows at ``positions`` (ascending). A results version is stored ordered by
    indicator, level and territory, so a territory's rows are a few runs and an (indicator,
    level)'s one: slices of the table's chunks, where a take would first join every chunk of
    every column (0.4 to 1.8 s on a national version of 18 million rows, against 1 ms)."""
    breaks = np.flatnonzero(np.diff(positions) != 1) + 1
    if len(breaks) >= RUNS:
        return table.take(positions)
    starts = np.r_[0, breaks].tolist()
    ends = [*breaks.tolist(), len(positions)]
    runs = [
        table.slice(int(positions[start]), end - start)
        for start, end in zip(starts, ends, strict=True)
    ]
    if len(runs) == 1:  # an (indicator, level): its slice as it is, however long
        return runs[0]
    return pa.concat_tables(runs).combine_chunks() if runs else table.slice(0, 0)


def _shared(column: pa.ChunkedArray) -> list[Any]:
    """The column's values as Python objects, one object per distinct value: an id repeated
    over periods and combinations is kept once, not once per row (a third of the memory)."""
    encoded = column.combine_chunks().dictionary_encode()
    values = encoded.dictionary.to_pylist()
    return [None if i is None else values[i] for i in encoded.indices.to_pylist()]


class ResultsIndex:
    """One results version: its ``table`` and where each territory's and each (indicator,
    level)'s rows lie in it."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self._territories = {k[0]: v for k, v in _positions([table["territoire"]]).items()}
        self._pairs = _positions([table["indicateur"], table["niveau"]])
        self.pairs: frozenset[tuple[Any, ...]] = frozenset(self._pairs)
        self._peers: dict[tuple[str, str, Key], PeerValues] = {}
        self._lock = threading.Lock()

    def territory_rows(self, territory_id: str) -> pa.Table:
        """The rows of ``territory_id``, in table order."""
        found = self._territories.get(territory_id)
        return self.table.slice(0, 0) if found is None else _gather(self.table, found)

    def indicator_rows(self, indicator_id: str, level: str) -> pa.Table:
        """The rows of ``indicator_id`` at ``level``, in table order."""
        found = self._pairs.get((indicator_id, level))
        return self.table.slice(0, 0) if found is None else _gather(self.table, found)

    def rows_of(self, indicator_id: str) -> pa.Table:
        """The rows of ``indicator_id`` at every level, in table order: what the API filters
        instead of every indicator of the pack."""
        levels = sorted(level for indicator, level in self.pairs if indicator == indicator_id)
        parts = [self.indicator_rows(indicator_id, level) for level in levels]
        return pa.concat_tables(parts) if parts else self.table.slice(0, 0)

    def peer_values(self, indicator_id: str, level: str, dimensions: Key) -> PeerValues:
        """Per combination of ``dimensions`` (None for a column the table lacks), per period,
        each territory's value (the last row wins, as a dict built from the rows would)."""
        key = (indicator_id, level, dimensions)
        found = self._peers.get(key)
        if found is None:
            rows = self.indicator_rows(indicator_id, level)
            missing = [None] * rows.num_rows
            keys = zip(
                *(_shared(rows[d]) if d in rows.column_names else missing for d in dimensions),
                strict=True,
            ) if dimensions else ((),) * rows.num_rows  # fmt: skip
            found = {}
            for combination, territory, period, value in zip(
                keys,
                _shared(rows["territoire"]),
                _shared(rows["periode"]),
                rows["valeur"].to_pylist(),
                strict=True,
            ):
                found.setdefault(combination, {}).setdefault(period, {})[territory] = value
            with self._lock:
                found = self._peers.setdefault(key, found)
        return found


KEPT = 32  # datasets whose latest version is kept (a pack each; tests open many instances)
_LATEST: dict[Path, tuple[Path, ResultsIndex]] = {}  # dataset folder → its version read last
_LOCK = threading.Lock()


def _read(path: Path) -> pa.Table:
    """A results version's table, periods and dimensions as text whatever the store typed."""
    table = pq.read_table(path)
    for index, name in enumerate(table.column_names):
        if name not in MEASURES and not pa.types.is_string(table.schema.field(name).type):
            table = table.set_column(index, name, table.column(name).cast(pa.string()))
    return table


def read_indexed(path: Path) -> ResultsIndex:
    """The index of the version at ``path``, read and built once (the dataset's older
    version, if kept, is let go: nothing reads it once a newer one is visible)."""
    dataset = path.parent.parent
    kept = _LATEST.get(dataset)
    if kept is not None and kept[0] == path:
        return kept[1]
    index = ResultsIndex(_read(path))
    with _LOCK:
        _LATEST.pop(dataset, None)
        _LATEST[dataset] = (path, index)
        while len(_LATEST) > KEPT:
            del _LATEST[next(iter(_LATEST))]
    return index
