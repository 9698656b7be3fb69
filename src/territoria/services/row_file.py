"""A version's rows one after the other, read by positioned reads: pages without mapping.

A records page fetches up to 100 scattered rows. From the memory-mapped columnar store each
row touches a page per column (and the kernel maps the pages around it), so after some
thousand first-time pages of a 1M-row version its whole store (108 MB) is resident in the
server and counted in its RSS. Here each row is one pickled tuple at a known offset: one
``os.pread`` per row, the bytes copied into the request's own memory and freed with it; the
file's pages stay in the OS page cache, outside the process. Larger fetches (candidate rows
of a query) keep the columnar store, faster per row. The file lives in the instance's own
cache folder, trusted as its catalogue and lake are (whoever can write it can already
change every answer), which is what makes reading pickles from it acceptable.
"""

from __future__ import annotations

import os
import pickle
import secrets
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

BUILD_ROWS = 8_192
"""Rows converted to Python at a time while building (bounds the build's heap)."""


def build_row_file(parquet: Path, target: Path) -> None:
    """Write ``target`` (pickled row tuples) and ``target.offsets.npy`` (n + 1 offsets)."""
    offsets_path = offsets_of(target)
    suffix = f".{os.getpid()}-{secrets.token_hex(4)}"
    scratch = target.with_name(f".{target.name}{suffix}")
    scratch_offsets = offsets_path.with_name(f".{offsets_path.name}{suffix}.npy")
    try:
        source = pq.ParquetFile(parquet)
        ends: list[npt.NDArray[np.int64]] = [np.zeros(1, dtype=np.int64)]
        written = 0
        with scratch.open("wb") as out:
            for batch in source.iter_batches(batch_size=BUILD_ROWS):
                columns = [column.to_pylist() for column in batch.columns]
                blobs = [pickle.dumps(row, protocol=5) for row in zip(*columns, strict=True)]
                out.write(b"".join(blobs))
                sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
                ends.append(written + np.cumsum(sizes))
                written += int(sizes.sum())
        np.save(scratch_offsets, np.concatenate(ends))
        os.replace(scratch_offsets, offsets_path)
        os.replace(scratch, target)
    finally:
        scratch.unlink(missing_ok=True)
        scratch_offsets.unlink(missing_ok=True)
        pa.default_memory_pool().release_unused()  # the decoded batches' memory, to the OS


def offsets_of(target: Path) -> Path:
    """The offsets file of a row file."""
    return target.with_name(target.name + ".offsets.npy")


class RowFile:
    """Rows by position through ``os.pread`` (thread-safe: positioned reads share no seek)."""

    def __init__(self, path: Path, schema: pa.Schema, row_count: int) -> None:
        self._fd = -1
        self.schema = schema
        self._offsets: npt.NDArray[np.int64] = np.load(offsets_of(path), mmap_mode="r")
        if len(self._offsets) != row_count + 1:
            raise ValueError(f"{path}: {len(self._offsets) - 1} rows, expected {row_count}")
        if int(self._offsets[-1]) != path.stat().st_size:
            raise ValueError(f"{path}: truncated")
        self._fd = os.open(path, os.O_RDONLY)

    def fetch(self, ids: npt.NDArray[np.integer]) -> pa.Table:
        """The rows at positions ``ids``, in that order."""
        starts = self._offsets[ids]
        ends = self._offsets[np.asarray(ids) + 1]
        fd, loads, read = self._fd, pickle.loads, os.pread
        rows = [
            loads(read(fd, e - s, s)) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
        ]
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in self.schema]
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(columns, self.schema, strict=True)
        ]
        return pa.Table.from_arrays(arrays, schema=self.schema)

    def close(self) -> None:
        """Close the file descriptor."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:
        self.close()
