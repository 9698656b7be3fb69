"""What the portal's home page shows: featured datasets, the other recently updated ones,
how many are published, and the headline indicators of the organisation's territory.

Built once per catalogue revision (a new version, results computation or metadata edit
moves it) and kind of visitor, so the home page costs a revision query, not a scan of the
indicators' results.
"""

from __future__ import annotations

import threading
from typing import Any

from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.services.catalogue_search import search_catalogue
from territoria.services.catalogue_snapshot import current_snapshot
from territoria.services.featured_datasets import featured_datasets, installations
from territoria.services.headline_indicators import headline_indicators, home_territory
from territoria.services.instance import Instance
from territoria.services.schema_conformity import schema_conformity

RECENT = 6
_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}
_KEPT = 16
_LOCK = threading.Lock()


def _build(instance: Instance, configured_territory: str | None, actor: Actor) -> dict[str, Any]:
    with instance.session() as session:
        installed = installations(session)
        packs = [row["pack"] for row in installed]
        featured = featured_datasets(session, actor, packs)
        shown = {meta["slug"] for meta in featured}
        recent = search_catalogue(
            session, actor, sort="-modified", limit=RECENT + len(shown), with_facets=False
        )
    territory = home_territory(configured_territory, installed)
    try:
        indicators = headline_indicators(instance, territory, packs, actor) if territory else []
    except UserError:  # a portal_territory the geography does not know: no figures
        indicators = []
    fresh = [meta for meta in recent.items if meta["slug"] not in shown][:RECENT]
    return {
        "total": recent.total,
        "featured": featured,
        "recent": [{**meta, "conformity": schema_conformity(meta)} for meta in fresh],
        "territory": territory,
        "indicators": indicators,
    }


def home_overview(
    instance: Instance, configured_territory: str | None, actor: Actor
) -> dict[str, Any]:
    """``{total, featured, recent, territory, indicators}`` for ``actor``; the territory is
    ``configured_territory`` (``settings.portal_territory``), else the installed packs'."""
    with instance.session() as session:
        revision = current_snapshot(session).revision
    key = (str(instance.engine.url), revision, configured_territory, actor)
    found = _CACHE.get(key)
    if found is None:
        found = _build(instance, configured_territory, actor)
        with _LOCK:
            while len(_CACHE) >= _KEPT:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = found
    return found
