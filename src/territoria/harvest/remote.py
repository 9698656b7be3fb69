"""The common shape every remote kind reads a dataset into, and the errors of a remote."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from territoria.errors import UserError


class UnusableSourceError(UserError):
    """The source is unreachable or is not a catalogue: nothing can be harvested (exit 2)."""

    code = "harvest-unusable-source"
    http_status = 502


class RemoteError(UserError):
    """One request to the remote failed (after retries): the dataset concerned is skipped."""

    code = "harvest-remote-error"
    http_status = 502


@dataclass(frozen=True)
class Download:
    """A file of the dataset's data at ``url``, in ``format`` (parquet, csv, xlsx, json…);
    ``rename`` maps the file's column names to the labels they should carry here."""

    url: str
    format: str
    rename: tuple[tuple[str, str], ...] = ()
    sha256: str | None = None  # the remote's checksum of the file, checked after download


@dataclass
class RemoteDataset:
    """One remote dataset as read, before mapping: remote values kept as the remote wrote
    them (a licence label, theme labels, a frequency URI), mapped later in one place."""

    remote_id: str
    title: str
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    license: str | None = None
    license_url: str | None = None
    publisher: str | None = None
    # a publisher the remote identifies ({code, name, siren, territory}), not just names
    publisher_spec: dict[str, Any] | None = None
    spatial: list[str] = field(default_factory=list)
    temporal_start: str | None = None
    temporal_end: str | None = None
    frequency: str | None = None
    conforms_to: str | None = None
    landing_page: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    language: str | None = None
    # what changes when the remote's data or metadata changes: a re-harvest that finds the
    # same stamp skips the download (exports of a remote may differ byte-wise between runs)
    modified: str | None = None
    slug: str | None = None  # the remote's own slug, when it has one besides its id
    # the remote's fields ({name, label, description}) when it describes them
    fields: list[dict[str, Any]] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
