"""Search the catalogue: full text, refine/exclude by facets, sort, page, count facets.

The ODS ``catalog/datasets`` endpoint, the portal and the CLI call :func:`search_catalogue`.
It reads the in-memory :mod:`~territoria.services.catalogue_snapshot` of the catalogue
(rebuilt when the catalogue's revision moves): a search costs one small SQL query.

For the ODS API: ``q`` takes the text of ``where`` full-text terms (a bare string or
``search("…")``; several terms joined by spaces must all match), ``refine``/``exclude`` the
``facet:value`` pairs (facet names of :data:`~territoria.catalog.search.facets.FACETS`),
``sort`` an ``order_by`` such as ``title desc`` or ``-modified``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog.search import facets as fc
from territoria.config import Settings
from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.services.catalogue_snapshot import current_snapshot
from territoria.services.catalogue_sort import page_order
from territoria.services.instance import open_instance


@dataclass
class CatalogueResult:
    """One page of matching datasets (metadata dicts with a ``score``), how many match in
    all, and the facets counted over every match the caller may see."""

    total: int
    items: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]


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
    with_facets: bool = True,
) -> CatalogueResult:
    """The datasets ``actor`` may see that match ``q`` (every word, French-stemmed, accents
    ignored; None or blank: all) and the facet filters, sorted (``relevance`` by default
    with a query, else ``title``; see :func:`page_order`), ``limit`` from ``offset``; the
    facets are counted unless ``with_facets`` is False (a listing that shows none)."""
    if limit < 0 or offset < 0:
        raise UserError(
            f"limit et offset sont positifs (limit={limit}, offset={offset})",
            f"limit and offset must not be negative (limit={limit}, offset={offset})",
            details={"limit": limit, "offset": offset},
        )
    refine = {fc.facet_name(k): list(v) for k, v in (refine or {}).items()}
    exclude = {fc.facet_name(k): list(v) for k, v in (exclude or {}).items()}
    with _session(target) as session:
        snapshot = current_snapshot(session)
        visible = snapshot.visible_ids(session, actor)
    entries = snapshot.entries
    ids = [i for i in entries if i in visible]
    if refine or exclude:
        ids = [i for i in ids if fc.keep(entries[i].values, refine, exclude)]
    scores = snapshot.index.search(q or "", [str(i) for i in ids])
    if scores is not None:
        ids = [i for i in ids if str(i) in scores]
    score_of = {i: (scores or {}).get(str(i), 0.0) for i in ids}
    ordered = page_order(ids, sort, q_given=scores is not None, scores=score_of, entries=entries)
    items = [
        {**json.loads(entries[i].json), "score": round(score_of[i], 6)}
        for i in ordered[offset : offset + limit]
    ]
    counted = fc.count(entries[i].names for i in ids) if with_facets else {}
    return CatalogueResult(total=len(ids), items=items, facets=counted)
