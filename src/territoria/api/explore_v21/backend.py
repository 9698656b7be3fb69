"""What the Explore API asks of the service layer, in one place: visible versions, their
fields, their metadata. Routes call these; none opens the catalogue or the lake itself."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from threading import Lock
from typing import Any

import duckdb
import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from territoria.api.explore_v21.errors import unknown_dataset
from territoria.api.state import ServerState
from territoria.catalog.models import Dataset, Version
from territoria.errors import NotFoundError
from territoria.query.compiler import compile_records
from territoria.query.fields import QueryField, fields_for
from territoria.query.request import RecordsRequest
from territoria.query.spatial import load_spatial
from territoria.security.actor import Actor
from territoria.security.visibility import (
    can_see_version,
    require_visible_dataset,
    require_visible_version,
)
from territoria.services.export_options import ExportOptions
from territoria.services.export_stream import stream_export
from territoria.services.metadata_view import dataset_metadata
from territoria.services.querying import QueryService, VersionHandle
from territoria.services.tables import engine_connection

_FIELDS: OrderedDict[str, list[QueryField]] = OrderedDict()
_FIELDS_LOCK = Lock()
FIELDS_CACHED = 512
"""Versions whose fields are kept: a version is immutable, so its fields never go stale."""


def visible_version(session: Session, dataset_id: str, actor: Actor) -> tuple[Dataset, Version]:
    """The dataset and latest version ``actor`` may read; Opendatasoft's 404 otherwise (an
    invisible dataset answers exactly as an unknown one)."""
    try:
        return require_visible_version(session, dataset_id, actor)
    except NotFoundError:
        raise unknown_dataset(dataset_id) from None


def visible_dataset(session: Session, dataset_id: str, actor: Actor) -> Dataset:
    """The dataset if ``actor`` may see it; Opendatasoft's 404 otherwise."""
    try:
        return require_visible_dataset(session, dataset_id, actor)
    except NotFoundError:
        raise unknown_dataset(dataset_id) from None


def latest_visible(actor: Actor, dataset: Dataset) -> Version | None:
    """The latest version of a visible ``dataset`` that ``actor`` may read, if any."""
    versions = [v for v in dataset.versions if can_see_version(actor, dataset, v)]
    return versions[-1] if versions else None


def version_fields(state: ServerState, version: Version) -> list[QueryField]:
    """The query fields of ``version`` (its Parquet schema and Table Schema), cached."""
    key = version.lake_path
    with _FIELDS_LOCK:
        if key in _FIELDS:
            _FIELDS.move_to_end(key)
            return _FIELDS[key]
    schema = pq.read_schema(state.instance.lake.data_file(version.lake_path))
    fields = fields_for(schema, version.schema_json)
    with _FIELDS_LOCK:
        _FIELDS[key] = fields
        while len(_FIELDS) > FIELDS_CACHED:
            _FIELDS.popitem(last=False)
    return fields


def dataset_meta(dataset: Dataset) -> dict[str, Any]:
    """The catalogue's metadata dict of ``dataset`` (DCAT-AP fields, camelCase keys)."""
    return dict(dataset_metadata(dataset, list(dataset.versions)))


_SERVICES: dict[int, tuple[ServerState, QueryService]] = {}
_SERVICES_LOCK = Lock()


def query_service(state: ServerState) -> QueryService:
    """The server's query service (caches, indexes, time limit): the state's when it holds
    one, else one made for this state on first use and kept with it."""
    held: QueryService | None = getattr(state, "queries", None)
    if held is not None:
        return held
    with _SERVICES_LOCK:
        found = _SERVICES.get(id(state))
        if found is None or found[0] is not state:
            found = (state, QueryService(state.settings))
            _SERVICES[id(state)] = found
        return found[1]


def open_handle(
    state: ServerState, session: Session, dataset_id: str, actor: Actor
) -> VersionHandle:
    """The query handle of the latest version ``actor`` may read; Opendatasoft's 404 else."""
    try:
        return query_service(state).open_version(state.instance, session, dataset_id, actor)
    except NotFoundError:
        raise unknown_dataset(dataset_id) from None


_EXPORT_DATABASES: dict[int, tuple[ServerState, duckdb.DuckDBPyConnection]] = {}


def _export_cursor(state: ServerState) -> duckdb.DuckDBPyConnection:
    """A connection of its own for one export (it lives as long as the stream), on the
    database exports share, where spatial was loaded once (1.3 s per new database)."""
    with _SERVICES_LOCK:
        found = _EXPORT_DATABASES.get(id(state))
        if found is None or found[0] is not state:
            database = engine_connection(state.settings)
            load_spatial(database)
            found = (state, database)
            _EXPORT_DATABASES[id(state)] = found
        return found[1].cursor()


def export_chunks(
    state: ServerState,
    handle: VersionHandle,
    request: RecordsRequest,
    fmt: str,
    options: ExportOptions,
) -> Iterator[bytes]:
    """The export of ``request`` on ``handle``'s version through the one export path, on a
    connection of its own that closes with the stream. Every refusal (ODSQL, format,
    options) is raised here, before the response starts."""
    compiled = compile_records(request, handle.fields, handle.source)
    con = _export_cursor(state)
    try:
        load_spatial(con)  # already in the database: only pins this cursor's time zone
        chunks = stream_export(
            con,
            compiled.rows,
            handle.parquet,
            fmt,
            options,
            fields=handle.fields,
            tmp_dir=state.settings.tmp_dir,
        )
    except BaseException:
        con.close()
        raise

    def closing() -> Iterator[bytes]:
        try:
            yield from chunks
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            con.close()

    return closing()


def release(state: ServerState) -> None:
    """Close what this module opened for ``state`` (the export database, and the query
    service when the state holds none of its own): for the app's shutdown."""
    with _SERVICES_LOCK:
        exports = _EXPORT_DATABASES.pop(id(state), None)
        service = _SERVICES.pop(id(state), None)
    if exports is not None:
        exports[1].close()
    if service is not None:
        service[1].close()
