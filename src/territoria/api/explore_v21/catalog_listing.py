"""The visible catalogue as Opendatasoft dataset objects: refined, searched, sorted, counted.

Refinements and facets apply to the values Opendatasoft shows (``metas.default.theme``,
``keyword``, ``publisher``…), so ``refine=theme:X`` matches exactly what a caller read in
an earlier answer. The list is built from the datasets the visibility rule lets the caller
see, so a private dataset is never listed, counted nor faceted for an anonymous caller.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable
from threading import Lock
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from territoria.api.explore_v21 import backend
from territoria.api.explore_v21.catalog_query import CatalogQuery
from territoria.api.explore_v21.dataset_object import ods_dataset
from territoria.api.state import ServerState
from territoria.catalog.models import Dataset
from territoria.security.actor import Actor
from territoria.security.visibility import visible_datasets_clause
from territoria.services.catalogue_search import search_catalogue
from territoria.services.catalogue_snapshot import current_snapshot

_OBJECTS: OrderedDict[tuple[object, ...], list[dict[str, Any]]] = OrderedDict()
_OBJECTS_LOCK = Lock()
OBJECTS_KEPT = 8
"""Catalogue revisions × callers whose dataset objects are kept (one rebuild per change)."""


def visible_objects(session: Session, state: ServerState, actor: Actor) -> list[dict[str, Any]]:
    """Every dataset ``actor`` may see, as Opendatasoft dataset objects, by dataset id; kept
    until the catalogue's revision moves (a dataset, version or organisation changes)."""
    key = (str(session.get_bind().engine.url), current_snapshot(session).revision, actor)
    with _OBJECTS_LOCK:
        if key in _OBJECTS:
            _OBJECTS.move_to_end(key)
            return list(_OBJECTS[key])
    datasets = session.scalars(
        select(Dataset).where(visible_datasets_clause(actor)).order_by(Dataset.slug)
    ).all()
    objects = []
    for dataset in datasets:
        version = backend.latest_visible(actor, dataset)
        fields = backend.version_fields(state, version) if version else []
        objects.append(ods_dataset(dataset, version, fields, backend.dataset_meta(dataset)))
    with _OBJECTS_LOCK:
        _OBJECTS[key] = objects
        while len(_OBJECTS) > OBJECTS_KEPT:
            _OBJECTS.popitem(last=False)
    return list(objects)


def facet_values(obj: dict[str, Any], name: str) -> list[str]:
    """The values of facet ``name`` on one dataset object (lists flattened, Nones dropped)."""
    if name == "dataset_id":
        return [obj["dataset_id"]]
    if name == "features":
        return list(obj["features"])
    value = obj["metas"]["default"].get(name)
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if v is not None and v != ""]


COMPARISONS = {
    "=": lambda a, b: a == b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def _compares(obj: dict[str, Any], name: str, operator: str, value: float | str) -> bool:
    held = obj["metas"]["default"].get(name)
    if held is None:
        return False
    if isinstance(value, str):  # a date: compare as many characters as the caller wrote
        held = str(held)[: len(value)]
    return bool(COMPARISONS[operator](held, value))


def matches(obj: dict[str, Any], query: CatalogQuery) -> bool:
    """Whether ``obj`` passes the query's refinements, exclusions and comparisons."""
    for name, value in query.refine:
        if value not in facet_values(obj, name):
            return False
    if not all(_compares(obj, *comparison) for comparison in query.compare):
        return False
    return all(value not in facet_values(obj, name) for name, value in query.exclude)


def selected(
    session: Session, state: ServerState, actor: Actor, query: CatalogQuery
) -> list[dict[str, Any]]:
    """The visible datasets matching ``query``: the catalogue's full-text search (French
    stemming, accents ignored, ranked) for ``q``, then refinements, then the order asked."""
    objects = visible_objects(session, state, actor)
    if query.q:
        found = search_catalogue(session, actor, q=query.q, limit=len(objects) + 1)
        rank = {item["slug"]: position for position, item in enumerate(found.items)}
        objects = sorted(
            (o for o in objects if o["dataset_id"] in rank), key=lambda o: rank[o["dataset_id"]]
        )
    return ordered([o for o in objects if matches(o, query)], query)


def _sort_key(obj: dict[str, Any], name: str) -> tuple[bool, Any]:
    value = obj["dataset_id"] if name == "dataset_id" else obj["metas"]["default"].get(name)
    return (value is None, value if value is not None else "")


def ordered(objects: list[dict[str, Any]], query: CatalogQuery) -> list[dict[str, Any]]:
    """``objects`` in the query's order (nulls last either way), else by dataset id."""
    if query.sort is None:
        return objects
    name, descending = query.sort
    present = [o for o in objects if _sort_key(o, name)[0] is False]
    missing = [o for o in objects if _sort_key(o, name)[0] is True]
    present.sort(key=lambda o: _sort_key(o, name)[1], reverse=descending)
    return present + missing


def facet_counts(
    objects: Iterable[dict[str, Any]], names: Iterable[str], refined: CatalogQuery
) -> list[dict[str, Any]]:
    """Opendatasoft's ``facets`` list: per facet, its values with counts and states."""
    objects = list(objects)
    out = []
    for name in names:
        counts = Counter(v for o in objects for v in set(facet_values(o, name)))
        chosen = {v for n, v in refined.refine if n == name}
        excluded = {v for n, v in refined.exclude if n == name}
        values = [
            {
                "name": value,
                "count": count,
                "state": "refined"
                if value in chosen
                else "excluded"
                if value in excluded
                else "displayed",
                "value": value,
            }
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
        out.append({"name": name, "facets": values})
    return out
