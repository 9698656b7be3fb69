"""What the Explore API asks of the service layer, in one place: visible versions, their
fields, their metadata. Routes call these; none opens the catalogue or the lake itself."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy.orm import Session

from territoria.api.explore_v21.errors import unknown_dataset
from territoria.api.explore_v21.export_runner import release_exports
from territoria.api.explore_v21.serialise import json_bytes, records_json
from territoria.api.state import ServerState
from territoria.catalog.models import Dataset, Version
from territoria.errors import NotFoundError
from territoria.query.fields import QueryField, fields_for
from territoria.query.request import RecordsRequest
from territoria.security.actor import Actor
from territoria.security.visibility import (
    can_see_version,
    require_visible_dataset,
    require_visible_version,
)
from territoria.services.metadata_view import dataset_metadata
from territoria.services.query_cache import time_dependent
from territoria.services.querying import QueryService, RecordsResult, VersionHandle

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


def query_service(state: ServerState) -> QueryService:
    """The server's query service (caches, indexes, time limit)."""
    return state.queries


def open_handle(
    state: ServerState, session: Session | None, dataset_id: str, actor: Actor
) -> VersionHandle:
    """The query handle of the latest version ``actor`` may read; Opendatasoft's 404 else.

    The visibility rule's answer comes from :class:`VisibleVersions` (kept until any
    process commits to the catalogue), so ``session`` is not needed; may block (a first
    lookup queries the catalogue, a first handle reads the Parquet footer)."""
    try:
        visible = state.visible.get(dataset_id, actor)
    except NotFoundError:
        raise unknown_dataset(dataset_id) from None
    return query_service(state).handle_for(state.instance, visible)


def known_handle(state: ServerState, dataset_id: str, actor: Actor) -> VersionHandle | None:
    """The handle :func:`open_handle` would give, when it is known without any I/O or wait
    (a kept visibility answer, a handle opened before); Opendatasoft's 404 when the kept
    answer is a refusal; None when only :func:`open_handle` can tell."""
    answer = state.visible.cached(dataset_id, actor)
    if isinstance(answer, NotFoundError):
        raise unknown_dataset(dataset_id)
    return None if answer is None else query_service(state).known_handle(answer)


def records_key(handle: VersionHandle, request: RecordsRequest) -> tuple[object, ...]:
    """The results-cache key of a serialised records page."""
    return (handle.key, "ods-records", request.cache_key())


def _body(result: RecordsResult, request: RecordsRequest) -> bytes:
    rows = records_json(result.table, result.output, request.timezone)
    # an aggregate without group_by has no count query: its one row is the total
    total = max(result.total_count, request.offset + len(rows))
    return json_bytes({"total_count": total, "results": rows})


def records_page(state: ServerState, handle: VersionHandle, request: RecordsRequest) -> bytes:
    """The JSON body of a records page, from the results cache or computed (may block)."""
    service = query_service(state)

    def page() -> bytes:
        return _body(service.run_records(handle, request, keep=False), request)

    body: bytes = service.cached(records_key(handle, request), page)
    return body


def records_page_now(
    state: ServerState, handle: VersionHandle, request: RecordsRequest
) -> bytes | None:
    """The body of a records page when it is cheap by construction (kept in the results
    cache, or answered by open indexes alone), without blocking; None otherwise."""
    service = query_service(state)
    key = records_key(handle, request)
    kept: bytes | None = service.cache.peek(key)
    if kept is not None:
        return kept
    result = service.records_now(handle, request)
    if result is None:
        return None
    body = _body(result, request)
    if not time_dependent(key):
        service.cache.put(key, body)
    return body


def release(state: ServerState) -> None:
    """Close the export database this API opened for ``state``: for the app's shutdown."""
    release_exports(state)
