"""A raw publication as the transform sees it: header labels, text columns, physical rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa


@dataclass
class RawTable:
    """Cells as text (null for a missing cell), column by column as Arrow string arrays, with
    each row's physical row number in the file (header = 1, as validation reports count)."""

    labels: list[str]
    columns: list[pa.Array]
    rows: pa.Array  # int64
    filename: str

    @classmethod
    def of_lists(
        cls,
        labels: list[str],
        columns: Sequence[Sequence[str | None]],
        rows: Sequence[int],
        filename: str,
    ) -> RawTable:
        """A table from Python lists (tests, small inputs)."""
        texts = [pa.array(column, pa.string()) for column in columns]
        return cls(labels, texts, pa.array(rows, pa.int64()), filename)

    @property
    def size(self) -> int:
        """The number of data rows."""
        return len(self.rows)
