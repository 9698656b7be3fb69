"""The official geography's use cases: show one territory, search territories by name or code."""

from __future__ import annotations

import functools
from typing import Any

from territoria.config import Settings
from territoria.errors import UserError
from territoria.geo.contours import has_contour
from territoria.geo.geography import Geography, geography
from territoria.geo.names import name_key
from territoria.services.instance import Instance
from territoria.services.territory_groups import territory_labels

MAX_SEARCH_LIMIT = 100


def show_territory(
    territory_id: str, settings: Settings | None = None, instance: Instance | None = None
) -> dict[str, Any]:
    """A territory with its parents (named), the count of its children by level and its
    labels (programmes; imported groups too from ``instance`` or the instance of ``settings``)."""
    geo = geography()
    match = geo.find(territory_id)  # a past vintage's old code reaches today's commune
    territory = match.territory
    counts: dict[str, int] = {}
    for child in geo.children(territory.id):
        counts[child.level] = counts.get(child.level, 0) + 1
    return {
        **territory.as_dict(),
        "parents": [
            {"id": p.id, "name": p.name, "level": p.level} for p in geo.parents(territory.id)
        ],
        "children": counts,
        "hasContour": has_contour(territory.id),
        "labels": territory_labels(territory.id, settings, instance),
        **({"resolvedFrom": match.requested} if match.old_code else {}),
    }


@functools.cache
def _keys(geo: Geography) -> list[tuple[str, str, int, str]]:
    """(name key, code, −population, id) of every territory, computed once per geography."""
    return [(name_key(t.name), t.code, -(t.population or 0), t.id) for t in geo]


def search_territories(text: str, limit: int = 10) -> list[dict[str, Any]]:
    """Territories matching ``text``, best first: exact code or postal code, then name equal,
    then name prefix, then name containing it; the most populated first within a rank (the
    Saint-Denis a user means is more often the big one)."""
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise UserError(
            f"limite {limit} hors de 1–{MAX_SEARCH_LIMIT}",
            f"limit {limit} out of 1–{MAX_SEARCH_LIMIT}",
        )
    geo = geography()
    query = name_key(text)
    code = text.strip().upper()
    if not query and not code:
        return []
    ranked: list[tuple[int, int, str]] = []
    for key, territory_code, minus_population, territory_id in _keys(geo):
        if territory_code == code or territory_id == code.lower():
            rank = 0
        elif code in geo.by_id[territory_id].postal_codes:
            rank = 1
        elif not query:
            continue
        elif key == query:
            rank = 2
        elif key.startswith(query):
            rank = 3
        elif query in key:
            rank = 4
        else:
            continue
        ranked.append((rank, minus_population, territory_id))
    ranked.sort()
    return [_summary(geo, territory_id, rank) for rank, _, territory_id in ranked[:limit]]


_MATCHES = ("code", "postal-code", "name", "name-prefix", "name-contains")


def _summary(geo: Geography, territory_id: str, rank: int) -> dict[str, Any]:
    territory = geo.by_id[territory_id]
    return {
        "id": territory.id,
        "name": territory.name,
        "level": territory.level,
        "population": territory.population,
        "departement": territory.departement,
        "match": _MATCHES[rank],
    }
