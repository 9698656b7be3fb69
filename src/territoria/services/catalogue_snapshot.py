"""The catalogue as search sees it, built once per catalogue revision and kept in memory.

A revision is the count and latest id of datasets, versions and organisations and the latest
dataset edit time: an ingest, rollback, metadata edit or visibility change moves it, so the
next search rebuilds. A rebuild re-reads the rows but re-analyses only the datasets whose
metadata dict changed (text analysis is what costs), and who-may-see-what is asked of the
one visibility rule (:func:`visible_datasets_clause`) once per revision and kind of caller.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from territoria.catalog.models import Dataset, Organisation, Version
from territoria.catalog.search import facets as fc
from territoria.catalog.search.index import SearchIndex, analyse
from territoria.catalog.search.text import fold
from territoria.security.actor import Actor
from territoria.security.visibility import visible_datasets_clause
from territoria.services.metadata_view import dataset_metadata, modified_at

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


@dataclass(frozen=True)
class Entry:
    """One dataset: its metadata (as JSON, copied out per request), facet values and names,
    sort keys, analysed text."""

    json: str
    slug: str
    values: dict[str, list[fc.Value]]
    names: dict[str, frozenset[str]]
    title_key: str
    issued: str
    modified: Any
    analysed: dict[str, Counter[str]]


@dataclass
class Snapshot:
    """The catalogue at one revision."""

    revision: tuple[str, ...]
    entries: dict[int, Entry] = field(default_factory=dict)
    index: SearchIndex = field(default_factory=SearchIndex)
    visible: dict[Actor, frozenset[int]] = field(default_factory=dict)

    def visible_ids(self, session: Session, actor: Actor) -> frozenset[int]:
        """The datasets ``actor`` may see, by the one visibility rule, once per revision."""
        found = self.visible.get(actor)
        if found is None:
            query = select(Dataset.id).where(visible_datasets_clause(actor))
            found = self.visible[actor] = frozenset(session.scalars(query))
        return found


def _revision(session: Session) -> tuple[str, ...]:
    row = session.execute(
        select(
            select(func.count(Dataset.id)).scalar_subquery(),
            select(func.max(Dataset.id)).scalar_subquery(),
            select(func.max(Dataset.updated_at)).scalar_subquery(),
            select(func.count(Version.id)).scalar_subquery(),
            select(func.max(Version.id)).scalar_subquery(),
            select(func.count(Organisation.id)).scalar_subquery(),
        )
    ).one()
    return tuple(str(value) for value in row)


def _document(meta: dict[str, Any]) -> dict[str, str]:
    fields = " ".join(f"{f['name']} {f['label']} {f['description'] or ''}" for f in meta["fields"])
    return {
        "title": f"{meta['title']} {meta['slug']}",
        "keywords": " ".join(meta["keywords"]),
        "themes": " ".join(f"{t['label']} {t['labelEn']}" for t in meta["themes"]),
        "publisher": (meta["publisher"] or {}).get("name") or "",
        "description": meta["description"] or "",
        "fields": fields,
    }


def _entry(meta: dict[str, Any], text: str, modified: Any) -> Entry:
    values = fc.facet_values(meta)
    return Entry(
        json=text,
        slug=meta["slug"],
        values=values,
        names={name: frozenset(shown for shown, _ in found) for name, found in values.items()},
        title_key=fold(meta["title"]),
        issued=meta["issued"] or "",
        modified=modified,
        analysed=analyse(_document(meta)),
    )


def _build(session: Session, revision: tuple[str, ...], previous: Snapshot | None) -> Snapshot:
    query = select(Dataset).options(
        selectinload(Dataset.organisation),
        selectinload(Dataset.versions).options(load_only(*_SUMMARY_COLUMNS)),
    )
    snapshot = Snapshot(revision)
    for dataset in session.scalars(query):
        versions = list(dataset.versions)
        meta = dataset_metadata(dataset, versions)
        text = json.dumps(meta, ensure_ascii=False)
        old = previous.entries.get(dataset.id) if previous is not None else None
        modified = modified_at(dataset, versions)
        if old is not None and old.json == text:  # unchanged: no new analysis
            snapshot.entries[dataset.id] = dataclasses.replace(old, modified=modified)
        else:
            snapshot.entries[dataset.id] = _entry(meta, text, modified)
    snapshot.index = SearchIndex.build({str(k): e.analysed for k, e in snapshot.entries.items()})
    return snapshot


_SNAPSHOTS: dict[str, Snapshot] = {}  # by catalogue URL: a server has one, tests many
_KEPT = 4
_LOCK = threading.Lock()


def current_snapshot(session: Session) -> Snapshot:
    """The snapshot of the catalogue ``session`` reads, rebuilt if its revision moved."""
    key = str(session.get_bind().engine.url)
    revision = _revision(session)
    cached = _SNAPSHOTS.get(key)
    if cached is not None and cached.revision == revision:
        return cached
    with _LOCK:  # one rebuild at a time; a concurrent caller reuses what the first built
        cached = _SNAPSHOTS.get(key)
        if cached is not None and cached.revision == revision:
            return cached
        snapshot = _build(session, revision, cached)
        _SNAPSHOTS.pop(key, None)
        while len(_SNAPSHOTS) >= _KEPT:  # the least recently rebuilt goes
            del _SNAPSHOTS[next(iter(_SNAPSHOTS))]
        _SNAPSHOTS[key] = snapshot
    return snapshot
