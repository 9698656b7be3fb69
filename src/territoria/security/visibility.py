"""The one visibility rule: which datasets and versions a caller may see.

Every read path — ODS records, exports, facets, catalogue search, DCAT, CKAN, portal — asks
these functions; none re-implements the rule. A dataset the caller may not see answers
exactly as a dataset that does not exist (404, not counted, not listed, not in facets), so
a private dataset's existence does not leak.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session, defer

from territoria.catalog import repository as repo
from territoria.catalog.models import Dataset, Version
from territoria.errors import NotFoundError
from territoria.security.actor import Actor


def can_see_dataset(actor: Actor, dataset: Dataset) -> bool:
    """Whether ``actor`` may see ``dataset`` at all (public, or the administrator)."""
    return actor.is_admin or dataset.visibility == "public"


def can_see_version(actor: Actor, dataset: Dataset, version: Version) -> bool:
    """Whether ``actor`` may read ``version`` of ``dataset``: every committed version of a
    dataset it may see (drafts, when they exist, will be the administrator's only)."""
    return can_see_dataset(actor, dataset) and version.status == "committed"


def visible_datasets_clause(actor: Actor) -> ColumnElement[bool]:
    """The same rule as a SQL condition on :class:`Dataset`, for listings and counts."""
    return true() if actor.is_admin else Dataset.visibility == "public"


def _not_found(slug: str) -> NotFoundError:
    return NotFoundError(
        f"Jeu de données introuvable : « {slug} ».",
        f"Dataset not found: '{slug}'.",
        details={"slug": slug},
    )


def require_visible_dataset(session: Session, slug: str, actor: Actor) -> Dataset:
    """The dataset ``slug`` if ``actor`` may see it; otherwise the very error an unknown
    slug gets (:class:`NotFoundError`)."""
    try:
        dataset = repo.get_dataset(session, slug)
    except ValueError:  # a malformed slug is a dataset that does not exist
        raise _not_found(slug) from None
    if dataset is None or not can_see_dataset(actor, dataset):
        raise _not_found(slug)
    return dataset


def require_visible_version(
    session: Session, slug: str, actor: Actor, number: int | None = None
) -> tuple[Dataset, Version]:
    """The dataset and its version ``number`` (latest when None) that ``actor`` may read;
    :class:`NotFoundError` when the dataset is invisible, has no version, or lacks it.

    One query for the one version (its report, the heaviest column, loaded only if read):
    this runs on every records request."""
    dataset = require_visible_dataset(session, slug, actor)
    query = (
        select(Version)
        .where(Version.dataset_id == dataset.id, Version.status == "committed")
        .options(defer(Version.report))
    )
    if number is None:
        query = query.order_by(Version.number.desc()).limit(1)
    else:
        query = query.where(Version.number == number)
    version = session.scalar(query)
    if version is not None and can_see_version(actor, dataset, version):
        return dataset, version
    raise NotFoundError(
        f"Aucune version {'lisible' if number is None else number} pour « {slug} ».",
        f"No {'readable version' if number is None else f'version {number}'} for '{slug}'.",
        details={"slug": slug, "version": number},
    )
