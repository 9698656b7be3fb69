"""A raw publication as the transform sees it: header labels, text columns, physical rows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawTable:
    """Cells as text (None for a missing cell), column by column, with each row's physical
    row number in the file (header = 1, as validation reports count)."""

    labels: list[str]
    columns: list[list[str | None]]
    rows: list[int]
    filename: str

    @property
    def size(self) -> int:
        """The number of data rows."""
        return len(self.rows)
