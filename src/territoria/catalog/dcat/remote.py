"""What a DCAT catalogue says about one dataset, as the harvester needs it to migrate it in.

``dataset_from_rdf`` / ``catalog_from_rdf`` return these; ``metadata`` holds exactly the keys
``services.metadata.edit_dataset`` accepts (``catalog.changes.FIELDS``: title, description,
keywords, themes, license, frequency, spatial, temporalStart, temporalEnd, contactName,
contactEmail, landingPage, language, publisher {code, name, siren, territory}), only those
the remote catalogue filled, so that the harvester may pass the dict on unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RemoteDistribution:
    """One downloadable file of a remote dataset: where, in which format, how big, its hash.

    ``format`` is a short lower-case name (``csv``, ``parquet``, ``json``…) taken from the EU
    file-type URI, the IANA media type or the download URL's suffix; ``checksum`` is the
    hex SHA-256 when the catalogue gave one (``spdx:checksum``), else None."""

    url: str
    format: str | None = None
    media_type: str | None = None
    byte_size: int | None = None
    checksum: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class RemoteDataset:
    """One dataset of a remote DCAT catalogue.

    ``remote_id`` is its ``dct:identifier`` (else its node's IRI): the stable key a second
    harvest matches to update instead of duplicating. ``conforms_to`` is the schema URL
    (``dct:conformsTo``) the data should be validated against, when given; ``unmapped``
    keeps what the catalogue said outside our vocabularies (a licence or frequency URI we do
    not know), for the harvester to report instead of losing silently."""

    remote_id: str
    metadata: dict[str, Any]
    distributions: list[RemoteDistribution] = field(default_factory=list)
    conforms_to: str | None = None
    iri: str | None = None
    unmapped: dict[str, Any] = field(default_factory=dict)
