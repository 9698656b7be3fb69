"""Run read queries on stored versions: visible versions only, cached, accelerated, bounded.

One :class:`QueryService` per server: a DuckDB database with a cursor per worker thread
(memory and threads from the settings), each version's Parquet as a view registered once,
results kept by (version, normalised request) — versions are immutable, so nothing ever
invalidates them — equality filters answered through value indexes instead of scans
(:mod:`~territoria.services.acceleration`), and a time limit cutting long queries.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy.orm import Session
from sqlglot import exp

from territoria.config import Settings
from territoria.engine.pool import ConnectionPool
from territoria.query.compiler import OutputColumn, compile_facets, compile_records
from territoria.query.fields import QueryField, fields_for
from territoria.query.request import RecordsRequest
from territoria.security.actor import Actor
from territoria.security.visibility import require_visible_version
from territoria.services.acceleration import Accelerator
from territoria.services.instance import Instance
from territoria.services.lazy_spatial import LazySpatial, pin_utc
from territoria.services.query_cache import ResultsCache
from territoria.services.query_records import execute_records, index_only
from territoria.services.query_run import run_query
from territoria.services.query_templates import Compiled, Templates
from territoria.services.visible_versions import VisibleVersion


@dataclass(frozen=True)
class VersionHandle:
    """What a query needs of one visible version; ``key`` names it in caches and on disk."""

    slug: str
    number: int
    version_id: int
    fields: list[QueryField]
    parquet: Path
    row_count: int
    key: str
    schema: pa.Schema
    view_schema: pa.Schema
    """Columns of the version as the engine returns them (index answers are cast to it)."""

    @property
    def view(self) -> str:
        """Name of the version's view in the query database."""
        return f"version_{self.key}"

    @property
    def source(self) -> exp.Table:
        """The table expression a compiled query reads (the version's view)."""
        return exp.Table(this=exp.to_identifier(self.view, quoted=True))


@dataclass(frozen=True)
class RecordsResult:
    """A records page: the total of matching rows (or groups), the rows, their columns."""

    total_count: int
    table: pa.Table
    output: list[OutputColumn]


class QueryService:
    """The server-wide query state (create once per app; thread-safe)."""

    def __init__(
        self,
        settings: Settings,
        setup: Callable[[duckdb.DuckDBPyConnection], None] | None = pin_utc,
        background_builds: bool = False,
    ) -> None:
        """``background_builds``: a query needing an index not built yet scans while it builds
        (a server: no request waits seconds for a build), instead of building it first."""
        self.settings = settings
        self.timeout = settings.query_timeout_seconds
        self.pool = ConnectionPool(
            memory_limit=settings.memory_limit,
            threads=settings.threads,
            temp_dir=settings.tmp_dir / "duckdb",
            setup=setup,
        )
        self.spatial = LazySpatial(lambda: self.pool.database)
        """Spatial is loaded on the first geo query only (start-up time, resident memory)."""
        self.pool.before = self.spatial.ensure_sql
        self.cache = ResultsCache(settings.query_cache_entries, settings.query_cache_bytes)
        self.templates = Templates()
        self.accelerator = Accelerator(
            settings.home / "cache" / "query", self.pool.cursor, background=background_builds
        )
        self._handles: dict[int, VersionHandle] = {}

    @property
    def executions(self) -> int:
        """Queries this service ran on DuckDB (not answered by the cache or an index)."""
        return self.pool.executions

    def open_version(
        self,
        instance: Instance,
        session: Session,
        slug: str,
        actor: Actor,
        number: int | None = None,
    ) -> VersionHandle:
        """The version ``number`` (latest when None) of ``slug`` if ``actor`` may read it
        (:class:`~territoria.errors.NotFoundError` otherwise, as for an unknown dataset)."""
        dataset, version = require_visible_version(session, slug, actor, number)
        return self.handle_for(instance, VisibleVersion.of(dataset, version))

    def known_handle(self, visible: VisibleVersion) -> VersionHandle | None:
        """The handle of ``visible`` if this service opened it already (no I/O), else None."""
        found = self._handles.get(visible.version_id)
        return found if found is not None and found.slug == visible.slug else None

    def handle_for(self, instance: Instance, visible: VisibleVersion) -> VersionHandle:
        """The query handle of a version the visibility rule allowed (opened once)."""
        found = self.known_handle(visible)
        if found is not None:
            return found
        parquet = instance.lake.data_file(visible.lake_path)
        schema = pq.read_schema(parquet)
        identity = (
            f"{visible.version_id}:{visible.lake_path}:{visible.source_sha256}:{visible.row_count}"
        )
        handle = VersionHandle(
            slug=visible.slug,
            number=visible.number,
            version_id=visible.version_id,
            fields=fields_for(schema, visible.schema_json),
            parquet=parquet,
            row_count=visible.row_count,
            key=f"{visible.version_id}_{hashlib.sha1(identity.encode()).hexdigest()[:12]}",
            schema=schema,
            view_schema=schema,
        )
        view = self.pool.ensure_view(handle.view, parquet)
        engine_schema = self.pool.run(exp.select(exp.Star()).from_(view).limit(0)).schema
        handle = dataclasses.replace(handle, view_schema=engine_schema)
        self._handles[visible.version_id] = handle
        return handle

    def run_records(
        self, handle: VersionHandle, request: RecordsRequest, *, keep: bool = True
    ) -> RecordsResult:
        """The page and total count of ``request`` on ``handle``'s version, kept in the
        results cache unless ``keep`` is False (a caller caching what it derives from the
        result, serialised bytes for instance, need not hold both)."""

        def compile_(asked: RecordsRequest) -> Compiled:
            compiled = compile_records(asked, handle.fields, self._source(handle))
            return compiled.rows, compiled.count, compiled.output

        def compute() -> RecordsResult:
            found = self.templates.compiled(handle.key, request, handle.fields, compile_)
            rows, count, output = compile_(request) if found is None else found
            total, table = execute_records(
                self.pool, self.accelerator, handle, rows, count, self.timeout
            )
            return RecordsResult(total, table, list(output))

        if not keep:
            return compute()
        return self.cached((handle.key, "records", request.cache_key()), compute)  # type: ignore[no-any-return]

    def records_now(self, handle: VersionHandle, request: RecordsRequest) -> RecordsResult | None:
        """The page of ``request`` if it is cheap by construction — a kept template, open
        indexes and row store, no engine — else None; never blocks (no I/O but page-cache
        reads), so the server answers it on its event loop. Not cached here."""
        found = self.templates.compiled(handle.key, request, handle.fields, None)
        if found is None:
            return None
        rows, count, output = found
        answer = index_only(self.accelerator, handle, rows, count)
        return None if answer is None else RecordsResult(answer[0], answer[1], output)

    def run_compiled(
        self,
        handle: VersionHandle,
        rows: exp.Select,
        count: exp.Select | None,
        output: Sequence[OutputColumn] = (),
    ) -> RecordsResult:
        """A page of ``rows`` (a select reading :attr:`VersionHandle.source`) and ``count``'s
        total, through the indexes when the filter allows it; not cached."""
        self._source(handle)
        total, table = execute_records(
            self.pool, self.accelerator, handle, rows, count, self.timeout
        )
        return RecordsResult(total, table, list(output))

    def run_facets(
        self,
        handle: VersionHandle,
        facets: Sequence[str],
        request: RecordsRequest,
        limit: int | None = None,
    ) -> list[tuple[str, pa.Table]]:
        """Per facet field, its ``value`` and ``count`` columns under ``request``'s filters."""

        def compute() -> list[tuple[str, pa.Table]]:
            queries = compile_facets(facets, request, handle.fields, self._source(handle), limit)
            run = self.pool, self.accelerator, handle
            return [(name, execute_records(*run, q, None, self.timeout)[1]) for name, q in queries]

        key = (handle.key, "facets", tuple(facets), limit, request.cache_key())
        return self.cached(key, compute)  # type: ignore[no-any-return]

    def run_select(self, handle: VersionHandle, select: exp.Expression) -> pa.Table:
        """Any select reading :attr:`VersionHandle.source`, with the time limit; not cached."""
        self._source(handle)
        return run_query(self.pool, select, self.timeout)

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value kept under ``key`` (whose first item must be a version key):
        for callers caching what they derive from results, serialised pages for instance."""
        return self.cache.get_or_compute(key, compute)

    def _source(self, handle: VersionHandle) -> exp.Table:
        return self.pool.ensure_view(handle.view, handle.parquet)

    def close(self) -> None:
        """Release the database and its cursors."""
        self.pool.close()
