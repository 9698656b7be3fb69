"""Orders of catalogue search results: relevance, title, modified, issued, slug — ascending,
or descending with a leading ``-`` (``-modified``) or a trailing ``desc`` (``modified desc``,
as ODS ``order_by`` writes it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from territoria.errors import UserError

if TYPE_CHECKING:
    from territoria.services.catalogue_snapshot import Entry

SORTS = ("relevance", "title", "modified", "issued", "slug")


class UnknownSortError(UserError):
    """A sort key that is not one of :data:`SORTS`."""

    code = "unknown-sort"


def parse_sort(sort: str | None, q_given: bool) -> tuple[str, bool]:
    """``(key, descending)`` for ``sort``; the default is relevance with a query, else title.
    Relevance is best first unless reversed explicitly (``relevance asc``)."""
    text = (sort or "").strip().lower()
    if not text:
        return ("relevance", True) if q_given else ("title", False)
    descending = text.startswith("-") or text.endswith(" desc")
    key = text.removeprefix("-").removeprefix("+").removesuffix(" desc").removesuffix(" asc")
    key = key.strip()
    if key not in SORTS:
        raise UnknownSortError(
            f"Tri inconnu : « {sort} » ; tris possibles : {', '.join(SORTS)} (préfixe - : "
            "décroissant).",
            f"Unknown sort: '{sort}'; sorts: {', '.join(SORTS)} (prefix - for descending).",
            details={"sort": sort, "known": list(SORTS)},
        )
    if key == "relevance" and not text.endswith(" asc"):
        descending = not text.startswith("-")  # "-relevance" is worst first
    return key, descending


def page_order(
    ids: Sequence[int],
    sort: str | None,
    *,
    q_given: bool,
    scores: Mapping[int, float],
    entries: Mapping[int, Entry],
) -> list[int]:
    """``ids`` in the order ``sort`` asks, ties broken by slug (a stable page order)."""
    key, descending = parse_sort(sort, q_given)
    by_slug = sorted(ids, key=lambda i: entries[i].slug)
    if key == "slug":
        return list(reversed(by_slug)) if descending else by_slug
    sort_key: dict[str, Any] = {
        "relevance": lambda i: scores.get(i, 0.0),
        "title": lambda i: entries[i].title_key,
        "modified": lambda i: entries[i].modified,
        "issued": lambda i: entries[i].issued,
    }
    return sorted(by_slug, key=sort_key[key], reverse=descending)
