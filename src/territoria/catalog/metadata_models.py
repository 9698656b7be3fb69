"""Models of dataset metadata: Create / Update request bodies and the Public response.

The request models only type the input (texts, lists, dates); the rules — vocabularies,
SIREN, territory ids — are checked once, by :func:`territoria.catalog.changes.normalise_changes`,
which the service runs on :meth:`MetadataUpdate.changes` whatever the caller (API, CLI, file).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class PublisherIn(BaseModel):
    """A publisher given in full: its code (SIREN or COG id) and what else is known."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="SIREN (9 chiffres) ou identifiant COG / SIREN or COG id")
    name: str | None = Field(None, description="Nom / name")
    siren: str | None = Field(None, description="SIREN, 9 chiffres / 9-digit SIREN")
    territory: str | None = Field(None, description="Territoire COG / COG territory id")
    kind: str | None = Field(None, description="Ignoré (lecture seule) / ignored, read-only")


class TermIn(BaseModel):
    """A vocabulary term as the metadata dict shows it (``{"id", "label", …}``): its id counts,
    so what a GET answered can be sent back as is."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Identifiant du terme / term id")


class TemporalIn(BaseModel):
    """Temporal coverage as the metadata dict shows it."""

    model_config = ConfigDict(extra="forbid")

    start: dt.date | None = None
    end: dt.date | None = None


class ContactIn(BaseModel):
    """DCAT's contact point as the metadata dict shows it."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    email: str | None = None


def _term_id(value: Any) -> Any:
    return value["id"] if isinstance(value, dict) and "id" in value else value


class MetadataUpdate(BaseModel):
    """A partial update: only the keys present change; ``null`` clears an optional field.

    Flat keys (``temporalStart``, ``contactEmail``, ``license: "odbl"``) and the nested shapes
    the metadata dict answers (``temporal: {start, end}``, ``contactPoint: {name, email}``,
    ``license: {"id": …}``, themes as terms, the publisher with its ``kind``) are both
    accepted, so a client may send back what it read."""

    model_config = ConfigDict(extra="forbid", alias_generator=to_camel, populate_by_name=True)

    title: str | None = None
    description: str | None = Field(None, description="Markdown")
    keywords: list[str] | None = None
    themes: list[str | TermIn] | None = Field(None, description="EU data themes or our verticals")
    license: str | TermIn | None = Field(None, description="etalab-2.0, odbl-1.0, cc-by-4.0…")
    frequency: str | TermIn | None = Field(None, description="EU frequency: ANNUAL, MONTHLY…")
    spatial: list[str] | None = Field(None, description="COG ids: commune:75056…")
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    temporal: TemporalIn | None = Field(None, description="{start, end}")
    contact_point: ContactIn | None = Field(None, description="{name, email}")
    contact_name: str | None = None
    contact_email: str | None = None
    landing_page: str | None = None
    language: str | None = Field(None, description="ISO 639-1: fr, en…")
    visibility: Literal["public", "private"] | None = None
    publisher: str | PublisherIn | None = None

    def changes(self) -> dict[str, Any]:
        """The keys the caller sent, as :func:`normalise_changes` reads them."""
        sent = self.model_dump(exclude_unset=True, by_alias=True, mode="json")
        for key in ("license", "frequency"):
            if key in sent:
                sent[key] = _term_id(sent[key])
        if sent.get("themes") is not None:
            sent["themes"] = [_term_id(theme) for theme in sent["themes"]]
        if isinstance(sent.get("publisher"), dict):
            sent["publisher"].pop("kind", None)
        for nested, keys in (("temporal", ("start", "end")), ("contactPoint", ("name", "email"))):
            if nested in sent and sent[nested] is None:  # null clears both parts
                sent[nested] = dict.fromkeys(keys)
        return sent


class MetadataCreate(MetadataUpdate):
    """A new dataset without any version yet: its slug, title and any other metadata."""

    slug: str = Field(description="Identifiant d'URL / URL name: a-z, 0-9, -")
    title: str | None = Field(None, description="Titre (le slug à défaut) / title")

    def changes(self) -> dict[str, Any]:
        """The metadata besides the slug."""
        return {k: v for k, v in super().changes().items() if k != "slug"}


class _Public(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class TermPublic(_Public):
    """A vocabulary term: id, French and English labels, URI (None for a legacy text)."""

    id: str
    label: str
    label_en: str
    uri: str | None


class PublisherPublic(_Public):
    """The publishing organisation."""

    code: str
    name: str
    kind: str
    siren: str | None
    territory: str | None


class ContactPublic(_Public):
    """DCAT's contact point."""

    name: str | None
    email: str | None


class TemporalPublic(_Public):
    """Temporal coverage, ISO dates."""

    start: str | None
    end: str | None


class FieldPublic(_Public):
    """A field of the dataset's Table Schema."""

    name: str
    identifier: str = Field(description="ODS identifier, as queries name the field")
    label: str
    type: str
    description: str | None
    unit: str | None


class VersionSummaryPublic(_Public):
    """The latest version, in brief."""

    number: int
    created_at: str
    rows: int
    invalid_rows: int
    format: str | None
    formats: list[str]
    source_filename: str
    source_bytes: int


class DatasetMetadataPublic(_Public):
    """The full metadata of a dataset as every API shows it (the shape of
    :func:`territoria.services.metadata_view.dataset_metadata`)."""

    identifier: str
    slug: str
    title: str
    description: str
    keywords: list[str]
    themes: list[TermPublic]
    publisher: PublisherPublic | None
    contact_point: ContactPublic | None
    license: TermPublic | None
    spatial: list[str]
    temporal: TemporalPublic
    frequency: TermPublic | None
    issued: str | None
    modified: str
    conforms_to: str | None
    schema_ref: str | None
    language: str
    landing_page: str | None
    visibility: Literal["public", "private"]
    fields: list[FieldPublic]
    version_count: int
    latest_version: VersionSummaryPublic | None
