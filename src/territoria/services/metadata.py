"""Dataset metadata: the one full metadata dict of a dataset, and its creation and edition.

The CLI (``territoria datasets edit``) calls these now, the native API next; the ODS, CKAN and
DCAT APIs and the portal build their shapes from :func:`dataset_metadata` (camelCase keys, as
every JSON the project writes; listed in ``metadata_view.METADATA_KEYS``, typed by
``catalog.metadata_models.DatasetMetadataPublic``). Edits take the keys of
``catalog.changes.FIELDS``; ``catalog.metadata_models.MetadataUpdate`` is their request body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from territoria.catalog import repository as repo
from territoria.catalog.changes import PublisherChange, normalise_changes
from territoria.catalog.identifiers import InvalidMetadataError
from territoria.catalog.models import Dataset, Organisation, Version
from territoria.catalog.slugs import validate_slug
from territoria.catalog.types import utcnow
from territoria.config import Settings
from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.security.visibility import require_visible_dataset
from territoria.services.instance import open_instance
from territoria.services.metadata_view import dataset_metadata

__all__ = ["WriteForbiddenError", "create_dataset_metadata", "dataset_metadata", "edit_dataset"]
Target = Settings | Session


class WriteForbiddenError(UserError):
    """A metadata write by someone who may not write (only the administrator, for now)."""

    code = "forbidden"
    http_status = 403


@contextmanager
def _session(target: Target) -> Iterator[Session]:
    """The caller's session, or one on the instance of these settings (closed after)."""
    if isinstance(target, Session):
        yield target
        return
    instance = open_instance(target)
    try:
        with instance.session() as session:
            yield session
    finally:
        instance.close()


def _require_writer(actor: Actor) -> None:
    if not actor.is_admin:
        raise WriteForbiddenError(
            "Modification des métadonnées réservée à l'administrateur.",
            "Editing metadata is the administrator's.",
        )


def _organisation(session: Session, change: PublisherChange) -> Organisation:
    organisation = repo.get_or_create_organisation(session, change.code, change.name)
    for attribute in ("name", "siren", "territory"):
        value = getattr(change, attribute)
        if value is not None:
            repo.check_lengths(Organisation, {attribute: value})
            setattr(organisation, attribute, value)
    if change.territory and organisation.kind == "other":
        level = change.territory.split(":", 1)[0]
        organisation.kind = (
            level if level in ("commune", "epci", "departement", "region") else "other"
        )
    return organisation


def _apply(session: Session, dataset: Dataset, values: dict[str, Any]) -> None:
    """Set the checked ``values`` on ``dataset``; the temporal coverage must stay ordered."""
    values = dict(values)
    if "publisher" in values:
        change = values.pop("publisher")
        dataset.organisation = None if change is None else _organisation(session, change)
    repo.check_lengths(Dataset, values)
    start = values.get("temporal_start", dataset.temporal_start)
    end = values.get("temporal_end", dataset.temporal_end)
    if start is not None and end is not None and start > end:
        raise InvalidMetadataError(
            f"Couverture temporelle à l'envers : début {start} après fin {end}.",
            f"Temporal coverage reversed: start {start} after end {end}.",
            details={"field": "temporal", "start": str(start), "end": str(end)},
        )
    for column, value in values.items():
        setattr(dataset, column, value)
    dataset.updated_at = utcnow()  # modified: the metadata changed even if no version did


def edit_dataset(
    target: Target, slug: str, changes: Mapping[str, Any], actor: Actor
) -> dict[str, Any]:
    """Apply ``changes`` (partial; keys as in :data:`~territoria.catalog.changes.FIELDS`) to
    dataset ``slug`` and commit; every key and value is checked before anything changes.
    Returns the dataset's full metadata dict."""
    _require_writer(actor)
    values = normalise_changes(changes)
    with _session(target) as session:
        dataset = require_visible_dataset(session, slug, actor)
        try:
            _apply(session, dataset, values)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return dataset_metadata(dataset, list(dataset.versions))


def create_dataset_metadata(
    target: Target, slug: str, changes: Mapping[str, Any], actor: Actor
) -> dict[str, Any]:
    """A new dataset ``slug`` with metadata and no version yet (the native API's POST
    /datasets); a taken slug raises ``DatasetExistsError`` (409)."""
    _require_writer(actor)
    validate_slug(slug)
    values = normalise_changes(changes)
    with _session(target) as session:
        try:
            dataset = repo.create_dataset(session, slug, title=values.pop("title", None) or slug)
            _apply(session, dataset, values)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return dataset_metadata(dataset, [])


def metadata_of(target: Target, slug: str, actor: Actor) -> dict[str, Any]:
    """The metadata dict of dataset ``slug`` if ``actor`` may see it (404 otherwise)."""
    with _session(target) as session:
        dataset = require_visible_dataset(session, slug, actor)
        versions: list[Version] = list(dataset.versions)
        return dataset_metadata(dataset, versions)
