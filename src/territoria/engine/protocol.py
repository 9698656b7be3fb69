"""The query engine contract: sqlglot expressions in, Arrow tables out, versions as views."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

import pyarrow as pa
from sqlglot import exp

READ_PARQUET = "read-parquet"
"""The engine can expose a lake version (Parquet files) as a named view."""
ARROW_RESULTS = "arrow-results"
"""Results come back as Arrow tables without a row-by-row conversion."""
SPILL_TO_DISK = "spill-to-disk"
"""Queries larger than memory spill to a temporary folder instead of failing."""
WINDOW_FUNCTIONS = "window-functions"
"""``OVER (PARTITION BY … ORDER BY …)`` is supported."""
REGEX = "regex"
"""Regular-expression matching (``REGEXP_MATCHES`` / ``RLIKE``) is supported."""


@runtime_checkable
class QueryEngine(Protocol):
    """What ``query/``, ``indicators/`` and ``validation/`` may ask of an engine.

    Callers hand over sqlglot expressions built from whitelisted nodes, never SQL text made
    from user input; the engine renders them in its own ``dialect`` at the last moment.
    """

    dialect: str
    capabilities: frozenset[str]

    def render(self, expr: exp.Expression) -> str:
        """The SQL text this engine would run for ``expr`` (for logs and snapshots)."""
        ...

    def execute(self, expr: exp.Expression) -> pa.Table:
        """Run ``expr`` and return the whole result as an Arrow table."""
        ...

    def register_version(self, name: str, parquet_paths: list[Path]) -> None:
        """Expose the Parquet files of one version as the view ``name`` (replacing it)."""
        ...

    def close(self) -> None:
        """Release the engine's resources; the engine is unusable afterwards."""
        ...
