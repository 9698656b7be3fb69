"""What changed between two versions of a dataset: columns, row counts, changed fields, samples.

The JSON shape (``VersionDiff.to_dict``) is the one the CLI prints and the API will serve::

    {"dataset", "from", "to", "identical", "method": "primaryKey" | "key" | "content",
     "primaryKey", "note", "noteFr", "compared",
     "rows": {"before", "after", "added", "removed", "changed", "unchanged"},
     "changedFields": {name: rows}, "columns": {"added", "removed", "retyped"},
     "sample": {"added", "removed", "changed"}}
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Method = Literal["primaryKey", "key", "content"]  # schema's key, the user's, whole rows


def plain(value: Any) -> Any:
    """A value read from DuckDB as JSON can carry it: dates in ISO 8601, decimals as numbers,
    non-finite floats and other objects as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return str(value)


@dataclass(frozen=True)
class ColumnType:
    """A column's Table Schema type (or, without a schema field, its Parquet type) and storage."""

    name: str
    type: str
    storage: str


@dataclass(frozen=True)
class Retyped:
    """A column present in both versions whose type changed."""

    before: ColumnType
    after: ColumnType

    def to_dict(self) -> dict[str, Any]:
        """``{"name", "before", "after"}`` with the Table Schema types, and the storage types."""
        return {
            "name": self.after.name,
            "before": self.before.type,
            "after": self.after.type,
            "storageBefore": self.before.storage,
            "storageAfter": self.after.storage,
        }


@dataclass(frozen=True)
class ColumnsDiff:
    """Columns only in B (added), only in A (removed), in both with another type (retyped)."""

    added: tuple[ColumnType, ...] = ()
    removed: tuple[ColumnType, ...] = ()
    retyped: tuple[Retyped, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Lists of ``{"name", "type"}`` and of retyped columns."""
        return {
            "added": [{"name": c.name, "type": c.type} for c in self.added],
            "removed": [{"name": c.name, "type": c.type} for c in self.removed],
            "retyped": [r.to_dict() for r in self.retyped],
        }


@dataclass(frozen=True)
class RowSample:
    """An added or removed row: its key (primary-key diffs), its values, and how many copies
    (content diffs count duplicates)."""

    values: dict[str, Any]
    key: dict[str, Any] | None = None
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        """``{"key"?, "row", "count"?}``."""
        out: dict[str, Any] = {} if self.key is None else {"key": plain(self.key)}
        out["row"] = plain(self.values)
        if self.key is None:
            out["count"] = self.count
        return out


@dataclass(frozen=True)
class ChangedRow:
    """A row found under the same key in both versions, with each changed field's values."""

    key: dict[str, Any]
    changes: dict[str, tuple[Any, Any]]

    def to_dict(self) -> dict[str, Any]:
        """``{"key", "changes": {field: {"before", "after"}}}``."""
        changes = {
            name: {"before": plain(before), "after": plain(after)}
            for name, (before, after) in self.changes.items()
        }
        return {"key": plain(self.key), "changes": changes}


@dataclass
class VersionDiff:
    """The difference from version ``a`` to version ``b`` of dataset ``slug``."""

    slug: str
    a: int
    b: int
    method: Method
    key: tuple[str, ...]
    compared: tuple[str, ...]
    rows_before: int
    rows_after: int
    added: int
    removed: int
    changed: int
    columns: ColumnsDiff
    changed_fields: dict[str, int] = field(default_factory=dict)
    sample_added: list[RowSample] = field(default_factory=list)
    sample_removed: list[RowSample] = field(default_factory=list)
    sample_changed: list[ChangedRow] = field(default_factory=list)
    note: tuple[str, str] | None = None  # (French, English): why no key was used

    @property
    def unchanged(self) -> int:
        """Rows of A found unchanged in B."""
        return self.rows_before - self.removed - self.changed

    @property
    def identical(self) -> bool:
        """No row and no column differs."""
        columns = self.columns
        return not (self.added or self.removed or self.changed) and not (
            columns.added or columns.removed or columns.retyped
        )

    def to_dict(self) -> dict[str, Any]:
        """The diff as JSON (camelCase, as every JSON of Territoria)."""
        return {
            "dataset": self.slug,
            "from": self.a,
            "to": self.b,
            "identical": self.identical,
            "method": self.method,
            "primaryKey": list(self.key),
            "note": self.note[1] if self.note else None,
            "noteFr": self.note[0] if self.note else None,
            "compared": list(self.compared),
            "rows": {
                "before": self.rows_before,
                "after": self.rows_after,
                "added": self.added,
                "removed": self.removed,
                "changed": self.changed,
                "unchanged": self.unchanged,
            },
            "changedFields": dict(self.changed_fields),
            "columns": self.columns.to_dict(),
            "sample": {
                "added": [s.to_dict() for s in self.sample_added],
                "removed": [s.to_dict() for s in self.sample_removed],
                "changed": [s.to_dict() for s in self.sample_changed],
            },
        }
