"""One page of the catalogue as the portal shows it (and its ``.json`` twin returns it):
the search of :func:`search_catalogue` paged by number, each result with its schema
conformity, each facet value with its labels and whether it is selected."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog.search.facets import FACETS
from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.services.catalogue_search import search_catalogue
from territoria.services.catalogue_sort import parse_sort
from territoria.services.facet_labels import facet_label
from territoria.services.schema_conformity import schema_conformity

PAGE_SIZE = 10
FACET_NAMES = tuple(FACETS)
SORT_CHOICES = ("relevance", "title", "-modified", "modified", "-issued", "issued")


class InvalidPageError(UserError):
    """A page number that is not a whole number from 1 to the last page (HTTP 400)."""

    code = "invalid-page"


def page_number(text: str | None) -> int:
    """The page asked (1 when absent); :class:`InvalidPageError` unless a whole number ≥ 1."""
    if text is None or text.strip() == "":
        return 1
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise InvalidPageError(
            f"Numéro de page invalide : « {text} » (un nombre entier à partir de 1).",
            f"Invalid page number: '{text}' (a whole number from 1).",
            details={"page": text},
        )
    return number


def _facets(
    counted: Mapping[str, list[dict[str, Any]]], chosen: Mapping[str, Sequence[str]]
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for facet in FACET_NAMES:
        selected = set(chosen.get(facet, ()))
        values = [
            {**value, "label": facet_label(facet, value["name"]), "selected": False}
            for value in counted.get(facet, [])
        ]
        for value in values:
            value["selected"] = value["name"] in selected
        shown = {value["name"] for value in values}
        values += [  # a selected value the matches no longer show stays removable
            {"name": name, "count": 0, "label": facet_label(facet, name), "selected": True}
            for name in sorted(selected - shown)
        ]
        out[facet] = values
    return out


def catalogue_page(
    session: Session,
    actor: Actor,
    *,
    q: str | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    sort: str | None = None,
    page: str | None = None,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Page ``page`` of the datasets ``actor`` may see matching ``q`` and every facet value
    of ``filters`` (facet → values), sorted by ``sort``; a 400 for an unknown sort or facet,
    or a page number that is not one of the pages."""
    number = page_number(page)
    query = (q or "").strip()
    chosen = {k: [v for v in vs if v] for k, vs in (filters or {}).items() if any(vs)}
    key, descending = parse_sort(sort, bool(query))
    found = search_catalogue(
        session,
        actor,
        q=query or None,
        refine=chosen,
        sort=sort or None,
        limit=page_size,
        offset=(number - 1) * page_size,
    )
    pages = max(1, -(-found.total // page_size))
    if number > pages:
        raise InvalidPageError(
            f"La page {number} n'existe pas : la recherche compte {pages} page(s).",
            f"Page {number} does not exist: the search has {pages} page(s).",
            details={"page": number, "pages": pages},
        )
    results = [{**item, "conformity": schema_conformity(item)} for item in found.items]
    return {
        "q": query,
        "filters": chosen,
        "sort": ("-" if descending and key != "relevance" else "") + key,
        "page": number,
        "pages": pages,
        "pageSize": page_size,
        "total": found.total,
        "results": results,
        "facets": _facets(found.facets, chosen),
    }
