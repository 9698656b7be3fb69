"""A value → row positions index of one column of one version, on disk, memory-mapped.

Three files: ``values.arrow`` (the distinct non-null values, ascending), ``offsets.npy``
(where each value's positions start in ``rows.npy``) and ``rows.npy`` (row positions grouped
by value, ascending within a value). Built by DuckDB sorting the column with its memory
limit (spilling beyond it) and streamed to disk, so a build never holds a column in memory.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from territoria.engine.equalities import Value
from territoria.services.row_store import CorruptStoreError

STREAM_ROWS = 65_536


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def build_value_index(
    con: duckdb.DuckDBPyConnection, parquet: Path, column: str, target: Path
) -> None:
    """Write the index of ``column`` into the folder ``target`` (built aside, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}")
    scratch.mkdir()
    try:
        name = _quoted(column)
        source = "read_parquet(?, file_row_number = true)"
        counted = con.execute(f"SELECT count(*), count({name}) FROM {source}", [str(parquet)])
        total, count = counted.fetchone() or (0, 0)
        kind = np.uint32 if total < 2**32 else np.int64  # half the pages for most versions
        rows = np.lib.format.open_memmap(
            scratch / "rows.npy", mode="w+", dtype=kind, shape=(count,)
        )
        sql = (
            f"SELECT {name} AS v, file_row_number AS r FROM {source} "
            f"WHERE {name} IS NOT NULL ORDER BY v, r"
        )
        reader = con.execute(sql, [str(parquet)]).to_arrow_reader(STREAM_ROWS)
        starts: list[npt.NDArray[np.int64]] = []
        done, previous = 0, None
        with pa.ipc.new_file(
            str(scratch / "values.arrow"), pa.schema([("v", reader.schema.field("v").type)])
        ) as out:
            for batch in reader:
                values, size = batch.column(0), batch.num_rows
                rows[done : done + size] = np.asarray(batch.column(1))
                changed = pc.not_equal(values.slice(1), values.slice(0, size - 1))
                first = previous is None or values[0].as_py() != previous
                local = np.flatnonzero(np.concatenate([[first], np.asarray(changed)]))
                starts.append(local + done)
                out.write_batch(pa.record_batch([values.take(pa.array(local))], names=["v"]))
                done, previous = done + size, values[size - 1].as_py()
        rows.flush()
        del rows
        np.save(scratch / "offsets.npy", np.concatenate([*starts, [done]]).astype(np.int64))
        with contextlib.suppress(OSError):  # another builder finished first: same index
            os.rename(scratch, target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class _Sorted(Sequence[Value]):
    """The distinct values as a sequence ``bisect`` can search without copying them."""

    def __init__(self, values: pa.ChunkedArray) -> None:
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index: int) -> Value:  # type: ignore[override]
        return self._values[index].as_py()  # type: ignore[no-any-return]


class ValueIndex:
    """Row positions of a column's values, memory-mapped from its folder."""

    def __init__(self, folder: Path, row_count: int) -> None:
        try:
            self._values = (
                pa.ipc.open_file(pa.memory_map(str(folder / "values.arrow"))).read_all().column(0)
            )
            self._offsets = np.load(folder / "offsets.npy", mmap_mode="r")
            self._rows = np.load(folder / "rows.npy", mmap_mode="r")
        except (OSError, ValueError, pa.ArrowInvalid) as error:
            raise CorruptStoreError(f"{folder}: {error}") from None
        n = len(self._values)
        consistent = (
            len(self._offsets) == n + 1
            and int(self._offsets[0]) == 0
            and int(self._offsets[-1]) == len(self._rows)
            and len(self._rows) <= row_count
            and (
                len(self._rows) == 0
                or 0 <= int(self._rows.min()) <= int(self._rows.max()) < row_count
            )
        )
        if not consistent:
            raise CorruptStoreError(f"{folder}: index does not match its version")
        self._sorted = _Sorted(self._values)

    def positions(self, values: Sequence[Value]) -> npt.NDArray[np.int64]:
        """Ascending row positions whose value is one of ``values``."""
        parts = []
        for value in set(values):
            at = bisect.bisect_left(self._sorted, value)
            if at < len(self._sorted) and self._sorted[at] == value:
                parts.append(self._rows[int(self._offsets[at]) : int(self._offsets[at + 1])])
        if not parts:
            return np.empty(0, dtype=np.int64)
        if len(parts) == 1:
            return np.asarray(parts[0], dtype=np.int64)
        return np.sort(np.concatenate(parts)).astype(np.int64)

    @property
    def values(self) -> pa.ChunkedArray:
        """The distinct non-null values, ascending (a value's code is its position here)."""
        return self._values

    def count_of(self, codes: npt.NDArray[np.int64]) -> int:
        """How many rows hold one of the values at ``codes``."""
        return int((self._offsets[codes + 1] - self._offsets[codes]).sum())

    def positions_of(self, codes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Ascending row positions of the values at ``codes`` (ascending, distinct)."""
        starts = np.asarray(self._offsets[codes], dtype=np.int64)
        counts = np.asarray(self._offsets[codes + 1], dtype=np.int64) - starts
        total = int(counts.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        # each value's run of positions, laid end to end: run k starts at starts[k]
        shift = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        return np.sort(np.asarray(self._rows[shift + np.arange(total)], dtype=np.int64))
