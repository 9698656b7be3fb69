"""Reads and writes of the catalogue through a SQLAlchemy session; the caller commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from territoria.catalog.integrity import violated_constraint
from territoria.catalog.models import (
    ORGANISATION_KINDS,
    VISIBILITIES,
    Base,
    Dataset,
    Organisation,
    Version,
)
from territoria.catalog.slugs import validate_slug
from territoria.errors import NotFoundError, UserError


class DatasetExistsError(UserError):
    """A dataset slug that is already taken."""

    code = "dataset-exists"
    http_status = 409


class ValueTooLongError(UserError):
    """A text longer than its column allows."""

    code = "value-too-long"


def _dataset_exists(slug: str) -> DatasetExistsError:
    return DatasetExistsError(
        f"Le jeu de données « {slug} » existe déjà.",
        f"Dataset '{slug}' already exists.",
        details={"slug": slug},
    )


def check_lengths(model: type[Base], values: dict[str, Any]) -> None:
    """Refuse texts longer than their column, as PostgreSQL does (SQLite would store them)."""
    columns = model.__table__.columns
    for field, value in values.items():
        length = getattr(columns[field].type, "length", None) if field in columns else None
        if isinstance(value, str) and length is not None and len(value) > length:
            raise ValueTooLongError(
                f"Valeur trop longue pour {field} : {len(value)} caractères, {length} au plus.",
                f"Value too long for {field}: {len(value)} characters, at most {length}.",
                details={"field": field, "length": len(value), "maxLength": length},
            )


def _require_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(allowed)
        raise UserError(
            f"Valeur « {value} » invalide pour {field} ; valeurs possibles : {choices}.",
            f"Invalid value '{value}' for {field}; allowed values: {choices}.",
            details={"field": field, "value": value},
        )


def get_or_create_organisation(
    session: Session, code: str, name: str | None = None, kind: str = "other"
) -> Organisation:
    """The organisation with this SIREN or COG ``code``, created (named ``name``) if missing."""
    check_lengths(Organisation, {"code": code, "name": name})
    found = session.scalar(select(Organisation).where(Organisation.code == code))
    if found is not None:
        return found
    _require_choice("kind", kind, ORGANISATION_KINDS)
    organisation = Organisation(code=code, name=name or code, kind=kind)
    try:
        with session.begin_nested():  # a savepoint: a concurrent writer may insert it first
            session.add(organisation)
    except IntegrityError as error:
        if violated_constraint(error) != "uq_organisation_code":
            raise
        found = session.scalar(select(Organisation).where(Organisation.code == code))
        if found is None:
            raise
        return found
    return organisation


def get_dataset(session: Session, slug: str) -> Dataset | None:
    """The dataset named ``slug``, or None."""
    return session.scalar(select(Dataset).where(Dataset.slug == validate_slug(slug)))


def require_dataset(session: Session, slug: str) -> Dataset:
    """The dataset named ``slug``; :class:`NotFoundError` (FR/EN) when there is none."""
    dataset = get_dataset(session, slug)
    if dataset is None:
        raise NotFoundError(
            f"Jeu de données introuvable : « {slug} ».",
            f"Dataset not found: '{slug}'.",
            hint_fr="Listez les jeux de données avec « territoria datasets list ».",
            hint_en="List datasets with 'territoria datasets list'.",
            details={"slug": slug},
        )
    return dataset


def create_dataset(
    session: Session,
    slug: str,
    *,
    title: str | None = None,
    organisation: Organisation | None = None,
    visibility: str = "public",
    **fields: Any,
) -> Dataset:
    """A new dataset; ``fields`` are other :class:`Dataset` columns (description, license…).

    A taken slug raises :class:`DatasetExistsError`, also when a concurrent writer took it
    between the check and the insert (the database refused the row: roll the session back)."""
    if get_dataset(session, slug) is not None:
        raise _dataset_exists(slug)
    _require_choice("visibility", visibility, VISIBILITIES)
    allowed = set(Dataset.__table__.columns.keys()) - {"id", "slug", "organisation_id"}
    if set(fields) - allowed:
        raise TypeError(f"unknown or reserved dataset fields: {sorted(set(fields) - allowed)}")
    check_lengths(Dataset, {"title": title, **fields})
    dataset = Dataset(
        slug=slug, title=title or slug, organisation=organisation, visibility=visibility, **fields
    )
    session.add(dataset)
    try:
        session.flush()
    except IntegrityError as error:
        if violated_constraint(error) != "uq_dataset_slug":
            raise
        raise _dataset_exists(slug) from error
    return dataset


def list_datasets(session: Session) -> list[Dataset]:
    """Every dataset, by slug."""
    return list(session.scalars(select(Dataset).order_by(Dataset.slug)))


def list_versions(session: Session, slug: str) -> list[Version]:
    """The versions of dataset ``slug``, oldest first; :class:`NotFoundError` if no dataset."""
    dataset = require_dataset(session, slug)
    query = select(Version).where(Version.dataset_id == dataset.id).order_by(Version.number)
    return list(session.scalars(query))


def latest_version(session: Session, slug: str) -> Version | None:
    """The newest version of dataset ``slug``, None when it has none yet."""
    dataset = require_dataset(session, slug)
    query = select(Version).where(Version.dataset_id == dataset.id)
    return session.scalar(query.order_by(Version.number.desc()).limit(1))


def require_version(session: Session, slug: str, number: int) -> Version:
    """Version ``number`` of dataset ``slug``; :class:`NotFoundError` when missing."""
    dataset = require_dataset(session, slug)
    query = select(Version).where(Version.dataset_id == dataset.id, Version.number == number)
    version = session.scalar(query)
    if version is None:
        raise NotFoundError(
            f"Version {number} introuvable pour le jeu de données « {slug} ».",
            f"Version {number} not found for dataset '{slug}'.",
            details={"slug": slug, "version": number},
        )
    return version


def find_version_by_hash(session: Session, dataset_id: int, sha256: str) -> Version | None:
    """The oldest version of the dataset made from a source with this SHA-256, if any."""
    query = select(Version).where(Version.dataset_id == dataset_id, Version.source_sha256 == sha256)
    return session.scalar(query.order_by(Version.number).limit(1))


def next_version_number(session: Session, dataset_id: int) -> int:
    """The number the next version of the dataset takes: 1, 2, 3…"""
    query = select(func.max(Version.number)).where(Version.dataset_id == dataset_id)
    return (session.scalar(query) or 0) + 1


def add_version(
    session: Session, dataset: Dataset, *, number: int, lake_path: str, **fields: Any
) -> Version:
    """Record a committed version; the dataset's current schema follows the version's."""
    check_lengths(Version, {"lake_path": lake_path, **fields})
    version = Version(dataset=dataset, number=number, lake_path=lake_path, **fields)
    session.add(version)
    if version.schema_json is not None:
        dataset.schema_json = version.schema_json
    session.flush()
    return version


def referenced_lake_paths(session: Session) -> set[str]:
    """Every lake folder the catalogue points to (recovery must never touch these)."""
    return set(session.scalars(select(Version.lake_path)))
