"""Search the catalogue: full text, refine/exclude by facets, sort, page, count facets.

The ODS ``catalog/datasets`` endpoint, the portal and the CLI call :func:`search_catalogue`.
The catalogue's metadata dicts and their index are built once per catalogue *revision* (the
number of datasets, versions and organisations and the latest edit time): a new version or
metadata edit changes the revision, so the next search rebuilds; otherwise it costs no SQL
beyond two small queries (the revision, the ids the caller may see).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from territoria.catalog.models import Dataset, Organisation, Version
from territoria.catalog.search import facets as fc
from territoria.catalog.search.index import SearchIndex
from territoria.config import Settings
from territoria.security.actor import Actor
from territoria.security.visibility import visible_datasets_clause
from territoria.services.catalogue_sort import page_order
from territoria.services.instance import open_instance
from territoria.services.metadata_view import dataset_metadata, modified_at


@dataclass
class CatalogueResult:
    """One page of matching datasets (metadata dicts with a ``score``), how many match in
    all, and the facets counted over every match the caller may see."""

    total: int
    items: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]


@dataclass
class _Snapshot:
    """The catalogue at one revision: metadata, facet values, sort keys, search index."""

    revision: tuple[Any, ...]
    metadata: dict[int, dict[str, Any]] = field(default_factory=dict)
    values: dict[int, dict[str, list[fc.Value]]] = field(default_factory=dict)
    modified: dict[int, Any] = field(default_factory=dict)
    index: SearchIndex = field(default_factory=SearchIndex)


_SNAPSHOTS: dict[str, _Snapshot] = {}
_LOCK = threading.Lock()
_SUMMARY_COLUMNS = (
    Version.number,
    Version.created_at,
    Version.row_count,
    Version.invalid_row_count,
    Version.detection,
    Version.source_filename,
    Version.source_bytes,
    Version.status,
)  # fmt: skip; the reports and schemas of old versions are not needed here


def _revision(session: Session) -> tuple[Any, ...]:
    row = session.execute(
        select(
            select(func.count(Dataset.id)).scalar_subquery(),
            select(func.max(Dataset.updated_at)).scalar_subquery(),
            select(func.count(Version.id)).scalar_subquery(),
            select(func.max(Version.id)).scalar_subquery(),
            select(func.count(Organisation.id)).scalar_subquery(),
        )
    ).one()
    return tuple(str(value) for value in row)


def _document(meta: Mapping[str, Any]) -> dict[str, str]:
    fields = " ".join(
        f"{f['name']} {f['label']} {f['description'] or ''}" for f in meta["fields"]
    )
    return {
        "title": f"{meta['title']} {meta['slug']}",
        "keywords": " ".join(meta["keywords"]),
        "themes": " ".join(f"{t['label']} {t['labelEn']}" for t in meta["themes"]),
        "publisher": (meta["publisher"] or {}).get("name") or "",
        "description": meta["description"] or "",
        "fields": fields,
    }


def _build(session: Session, revision: tuple[Any, ...]) -> _Snapshot:
    query = select(Dataset).options(
        selectinload(Dataset.organisation),
        selectinload(Dataset.versions).options(load_only(*_SUMMARY_COLUMNS)),
    )
    snapshot = _Snapshot(revision)
    for dataset in session.scalars(query):
        versions = list(dataset.versions)
        meta = dataset_metadata(dataset, versions)
        snapshot.metadata[dataset.id] = meta
        snapshot.values[dataset.id] = fc.facet_values(meta)
        snapshot.modified[dataset.id] = modified_at(dataset, versions)
    snapshot.index = SearchIndex.build({str(k): _document(m) for k, m in snapshot.metadata.items()})
    return snapshot


def _snapshot(session: Session) -> _Snapshot:
    key = str(session.get_bind().engine.url)
    revision = _revision(session)
    cached = _SNAPSHOTS.get(key)
    if cached is not None and cached.revision == revision:
        return cached
    snapshot = _build(session, revision)
    with _LOCK:
        _SNAPSHOTS[key] = snapshot
    return snapshot


@contextmanager
def _session(target: Settings | Session) -> Iterator[Session]:
    if isinstance(target, Session):
        yield target
        return
    instance = open_instance(target)
    try:
        with instance.session() as session:
            yield session
    finally:
        instance.close()


def search_catalogue(
    target: Settings | Session,
    actor: Actor,
    *,
    q: str | None = None,
    refine: Mapping[str, Sequence[str]] | None = None,
    exclude: Mapping[str, Sequence[str]] | None = None,
    sort: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> CatalogueResult:
    """The datasets ``actor`` may see that match ``q`` (every word, French-stemmed, accents
    ignored; None or blank: all) and the facet filters, sorted (``relevance`` by default
    with a query, else ``title``; see :func:`page_order`), ``limit`` from ``offset``."""
    refine = {fc.facet_name(k): list(v) for k, v in (refine or {}).items()}
    exclude = {fc.facet_name(k): list(v) for k, v in (exclude or {}).items()}
    with _session(target) as session:
        snapshot = _snapshot(session)
        visible = set(session.scalars(select(Dataset.id).where(visible_datasets_clause(actor))))
    ids = [i for i in snapshot.metadata if i in visible]
    ids = [i for i in ids if fc.keep(snapshot.values[i], refine, exclude)]
    scores = snapshot.index.search(q or "", [str(i) for i in ids])
    if scores is not None:
        ids = [i for i in ids if str(i) in scores]
    score_of = {i: (scores or {}).get(str(i), 0.0) for i in ids}
    ordered = page_order(
        ids,
        sort,
        q_given=scores is not None,
        scores=score_of,
        metadata=snapshot.metadata,
        modified=snapshot.modified,
    )
    items = [
        {**copy.deepcopy(snapshot.metadata[i]), "score": round(score_of[i], 6)}
        for i in ordered[offset : offset + limit]
    ]
    counted = fc.count(snapshot.values[i] for i in ids)
    return CatalogueResult(total=len(ids), items=items, facets=counted)
