"""CKAN's package actions: ``package_list``, ``package_search``, ``package_show``.

``package_search`` follows CKAN's schema: ``rows`` 10 by default and silently capped at
1000 (``ckan.search.rows_max``), ``start`` from 0, a negative value a ``Validation Error``;
private datasets only with ``include_private`` *and* the administrator's key, as CKAN
shows them only to who may read them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from territoria.api.ckan.envelope import invalid, missing
from territoria.api.ckan.lookup import Call, dataset_meta, visible_metadata
from territoria.api.ckan.params import boolean, names, natural, structured, text
from territoria.api.ckan.search_terms import FIELDS, SearchQueryError, Terms, values
from territoria.security.actor import ANONYMOUS
from territoria.services.catalogue_search import search_catalogue

ROWS_MAX = 1000
SORTS = {
    "score": "relevance",
    "metadata_modified": "modified",
    "metadata_created": "issued",
    "name": "slug",
    "title_string": "title",
    "title": "title",
}


def package_list(call: Call, params: dict[str, Any]) -> list[str]:
    """The names of the public datasets (never the private ones, as CKAN), by name."""
    limit = natural(params, "limit", 10**9)
    offset = natural(params, "offset", 0)
    listed = [meta["slug"] for meta in visible_metadata(call, ANONYMOUS)]
    return listed[offset : offset + limit]


def package_show(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """One dataset by ``id``: its slug or its identifier."""
    ident = text(params, "id") or text(params, "name_or_id")
    if not ident:
        raise missing("id")
    return call.package(dataset_meta(call, ident))


def _sort(raw: str | None) -> tuple[str, str]:
    """CKAN's ``sort`` (first key of ``score desc, metadata_modified desc``) as ours."""
    first = (raw or "score desc, metadata_modified desc").split(",")[0].split()
    key = SORTS.get(first[0]) if first else None
    direction = first[1].lower() if len(first) > 1 else "asc"
    if key is None or direction not in ("asc", "desc"):
        raise SearchQueryError(
            f"Tri inconnu : « {raw} » ; tris : {', '.join(SORTS)} suivis de asc ou desc.",
            f"Search Query is invalid: unknown sort '{raw}'; sorts: {', '.join(SORTS)} "
            "followed by asc or desc.",
            details={"sort": raw},
        )
    return raw or "score desc, metadata_modified desc", f"{key} {direction}"


def _facets(
    packages: list[dict[str, Any]], fields: list[str], limit: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    facets: dict[str, dict[str, int]] = {}
    search: dict[str, Any] = {}
    for name in fields:
        if name not in FIELDS:
            raise invalid("facet.field", f"Unknown facet field: {name}", f"facette inconnue {name}")
        counted = Counter(v for p in packages for v in values(p, name))
        ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        kept = ranked if limit < 0 else ranked[:limit]
        facets[name] = dict(kept)
        items = [{"name": v, "display_name": v, "count": n} for v, n in kept]
        search[name] = {"title": name, "items": items}
    return facets, search


def package_search(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """Datasets matching ``q`` and ``fq``, sorted, ``rows`` from ``start``, with facets."""
    rows = natural(params, "rows", 10, ROWS_MAX)
    start = natural(params, "start", 0)
    shown_sort, sort = _sort(text(params, "sort"))
    terms = Terms().read(text(params, "q")).read(text(params, "fq"))
    for extra in structured(params, "fq_list") or []:
        terms.read(str(extra))
    actor = call.actor if boolean(params, "include_private") else ANONYMOUS
    found = search_catalogue(
        call.session, actor, q=terms.full_text, sort=sort, limit=10**9, with_facets=False
    )
    packages = [p for p in (call.package(m) for m in found.items) if terms.admits(p)]
    raw_limit = text(params, "facet.limit")
    limit = (
        -1
        if raw_limit is not None and raw_limit.strip() == "-1"
        else natural(params, "facet.limit", 50)
    )
    wanted = names(params, "facet.field") or []
    facets, search_facets = _facets(packages, wanted, limit)
    return {
        "count": len(packages),
        "sort": shown_sort,
        "facets": facets,
        "results": packages[start : start + rows],
        "search_facets": search_facets,
    }
