"""Declarative models of the catalogue: organisations, datasets (DCAT-AP fields), versions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from territoria.catalog.types import UTCDateTime, utcnow

ORGANISATION_KINDS = ("commune", "epci", "departement", "region", "other")
VISIBILITIES = ("public", "private")
VERSION_STATUSES = ("committed",)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _new_identifier() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    """Base of every catalogue model; constraint names follow one convention for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Organisation(Base):
    """A publisher: a collectivité identified by its SIREN or COG code (``code``), with its
    SIREN and its territory (COG id) when known, for DCAT-AP's ``publisher``."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint(_one_of("kind", ORGANISATION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    siren: Mapped[str | None] = mapped_column(String(9))  # 9 digits, Luhn-checked on entry
    territory: Mapped[str | None] = mapped_column(String(40))  # COG id: commune:75056
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    datasets: Mapped[list[Dataset]] = relationship(back_populates="organisation")


class Dataset(Base):
    """A dataset of the catalogue with the descriptive fields DCAT-AP needs."""

    __tablename__ = "dataset"
    __table_args__ = (CheckConstraint(_one_of("visibility", VISIBILITIES), name="visibility"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # DCAT's identifier: minted once, never changes, even when the slug does
    identifier: Mapped[str] = mapped_column(String(36), unique=True, default=_new_identifier)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[str] = mapped_column(String(10), default="public")
    schema_ref: Mapped[str | None] = mapped_column(String(200))
    schema_json: Mapped[dict[str, Any] | None]
    # licence and frequency hold the id of a term of catalog/vocabularies (etalab-2.0, ANNUAL)
    license: Mapped[str | None] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(default=list)
    themes: Mapped[list[str]] = mapped_column(default=list)  # theme ids (ENVI, dechets…)
    frequency: Mapped[str | None] = mapped_column(String(200))
    spatial_coverage: Mapped[list[str]] = mapped_column(default=list)  # COG ids
    temporal_start: Mapped[dt.date | None]
    temporal_end: Mapped[dt.date | None]
    landing_page: Mapped[str | None] = mapped_column(String(500))
    contact_name: Mapped[str | None] = mapped_column(String(300))
    contact_email: Mapped[str | None] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(10), default="fr")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="datasets")
    versions: Mapped[list[Version]] = relationship(
        back_populates="dataset", order_by="Version.number", cascade="all, delete-orphan"
    )


class Version(Base):
    """One immutable version of a dataset: its source, detection, schema, report and lake folder."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("dataset_id", "number", name="uq_version_dataset_id_number"),
        CheckConstraint(_one_of("status", VERSION_STATUSES), name="status"),
        CheckConstraint("number >= 1", name="number_positive"),
        Index("ix_version_dataset_id_source_sha256", "dataset_id", "source_sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("dataset.id", ondelete="CASCADE"))
    number: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    source_filename: Mapped[str] = mapped_column(String(500))
    source_sha256: Mapped[str] = mapped_column(String(64))
    source_bytes: Mapped[int] = mapped_column(BigInteger)
    detection: Mapped[dict[str, Any]] = mapped_column(default=dict)
    schema_json: Mapped[dict[str, Any] | None]
    report: Mapped[dict[str, Any] | None]
    row_count: Mapped[int] = mapped_column(BigInteger)
    invalid_row_count: Mapped[int] = mapped_column(BigInteger, default=0)
    quarantined: Mapped[bool] = mapped_column(default=False)
    lake_path: Mapped[str] = mapped_column(String(300), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="committed")
    # the number of the earlier version this one restores (``datasets rollback``), else None
    rolled_back_from: Mapped[int | None]

    dataset: Mapped[Dataset] = relationship(back_populates="versions")


class HarvestRecord(Base):
    """Remote dataset ``remote_id`` of catalogue ``source`` ↔ our dataset ``slug``, so that a
    re-harvest updates instead of duplicating (``territoria harvest``).

    ``pending`` from the moment the slug is reserved until data and metadata are in: a
    harvest killed in between finds the reservation and finishes the same dataset;
    ``remote_modified`` is the remote's stamp at the last complete harvest."""

    __tablename__ = "harvest_record"
    __table_args__ = (UniqueConstraint("source", "remote_id", name="uq_harvest_record_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    remote_id: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    remote_modified: Mapped[str | None] = mapped_column(String(100))
    data_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
