"""What one CKAN call reads: its caller and public URL, and the datasets and resources it may see.

Every lookup goes through the one visibility rule (``security.visibility`` and the
catalogue search built on it): a private dataset, its resources and its datastore answer
``Not Found Error`` to whoever may not see it, exactly as an unknown id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from territoria.api.ckan.package_shape import RESOURCE_FORMATS, package_dict, resource_id
from territoria.api.state import ServerState
from territoria.catalog.models import Dataset, Organisation
from territoria.errors import NotFoundError
from territoria.security.actor import Actor
from territoria.security.visibility import require_visible_dataset
from territoria.services.catalogue_search import search_catalogue
from territoria.services.metadata_view import dataset_metadata

EVERYTHING = 10**9


@dataclass(eq=False)
class Call:
    """One action call: the server, a metadata session, the caller, the public root URL."""

    state: ServerState
    session: Session
    actor: Actor
    base: str
    _created: dict[str, str] | None = None

    def organisations_created(self) -> dict[str, str]:
        """Each organisation's creation time by code (read once per call)."""
        if self._created is None:
            rows = self.session.execute(select(Organisation.code, Organisation.created_at))
            self._created = {code: at.isoformat(timespec="seconds") for code, at in rows}
        return self._created

    def package(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        """The package dict of the metadata dict ``meta``."""
        return package_dict(meta, self.base, self.organisations_created())


def visible_metadata(call: Call, actor: Actor | None = None) -> list[dict[str, Any]]:
    """The metadata dicts of every dataset ``actor`` (the caller by default) may see, by slug."""
    found = search_catalogue(
        call.session, actor or call.actor, sort="slug", limit=EVERYTHING, with_facets=False
    )
    return found.items


def not_found(what_fr: str, what_en: str, ident: str) -> NotFoundError:
    """CKAN's ``Not Found Error`` for an unknown (or invisible) id."""
    return NotFoundError(
        f"{what_fr} introuvable : « {ident} ».",
        f'{what_en} "{ident}" was not found.',
        details={"id": ident},
    )


def dataset_meta(call: Call, ident: str) -> dict[str, Any]:
    """The metadata dict of the dataset named by its slug or its identifier (UUID)."""
    slug = call.session.scalar(select(Dataset.slug).where(Dataset.identifier == ident)) or ident
    try:
        dataset = require_visible_dataset(call.session, slug, call.actor)
    except NotFoundError:
        raise not_found("Jeu de données", "Dataset", ident) from None
    return dataset_metadata(dataset, list(dataset.versions))


def find_resource(call: Call, ident: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The package dict and the resource dict of resource ``ident``, among visible datasets."""
    for meta in visible_metadata(call):
        if ident not in {resource_id(meta["identifier"], fmt) for fmt, _, _ in RESOURCE_FORMATS}:
            continue  # ids are derived: no package dict built for the other datasets
        package = call.package(meta)
        for resource in package["resources"]:
            if resource["id"] == ident:
                return package, resource
    raise not_found("Ressource", "Resource", ident)
