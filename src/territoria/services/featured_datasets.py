"""Which datasets the home page features: those following a national schema whose latest
version conforms to it, then those of the installed packs, most recently updated first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from territoria.catalog.pack_installations import PackInstallation
from territoria.packs.registry import get_pack
from territoria.security.actor import Actor
from territoria.services.catalogue_search import search_catalogue
from territoria.services.indicator_results import results_slug
from territoria.services.schema_conformity import is_national_schema, schema_conformity

CANDIDATES = 200  # the most recently updated datasets looked at


def installations(session: Session) -> list[dict[str, str]]:
    """The packs installed on the instance, ``{pack, territory}``, first installed first."""
    rows = session.execute(
        select(PackInstallation.pack_id, PackInstallation.territory_id).order_by(
            PackInstallation.installed_at, PackInstallation.id
        )
    )
    return [{"pack": pack, "territory": territory} for pack, territory in rows]


def pack_slugs(pack_ids: Iterable[str]) -> set[str]:
    """The datasets of the packs ``pack_ids``: the ones they fill and their results."""
    slugs: set[str] = set()
    for pack_id in pack_ids:
        slugs.update(role.slug for role in get_pack(pack_id).datasets.values())
        slugs.add(results_slug(pack_id))
    return slugs


def is_featured(meta: dict[str, Any], packs: set[str]) -> bool:
    """The rule: a dataset of an installed pack or following a national schema, with data
    and (when it has a schema) no row set aside by validation."""
    conformity = schema_conformity(meta)["status"]
    if conformity not in ("conforms", "no-schema") or not meta.get("latestVersion"):
        return False
    return meta["slug"] in packs or (is_national_schema(meta) and conformity == "conforms")


def featured_datasets(
    session: Session, actor: Actor, pack_ids: Iterable[str], limit: int = 6
) -> list[dict[str, Any]]:
    """The featured datasets ``actor`` may see (see :func:`is_featured`): national schemas
    first, then the packs' datasets, newest first in each."""
    packs = pack_slugs(pack_ids)
    recent = search_catalogue(session, actor, sort="-modified", limit=CANDIDATES, with_facets=False)
    chosen = [meta for meta in recent.items if is_featured(meta, packs)]
    chosen.sort(key=lambda meta: not is_national_schema(meta))  # stable: newest first stays
    return [{**meta, "conformity": schema_conformity(meta)} for meta in chosen[:limit]]
