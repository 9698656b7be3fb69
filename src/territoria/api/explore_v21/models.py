"""Opendatasoft's response shapes, for the OpenAPI document (the routes answer raw JSON).

They document what reusers get and let schemathesis check the answers; the bodies themselves
are built as plain dicts and serialised once, skipping a model round trip per record.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Open(BaseModel):
    """A shape that may carry more keys than documented, as Opendatasoft's do."""

    model_config = ConfigDict(extra="allow")


class Link(Open):
    """A navigation link."""

    href: str
    rel: str


class Links(Open):
    """The API's root and the catalogue's root: links only."""

    links: list[Link]


class Field(Open):
    """A dataset field: ODSQL name, label, Opendatasoft type, description, annotations."""

    name: str
    label: str
    type: str
    description: str | None = None
    annotations: dict[str, Any] = {}


class Dataset(Open):
    """A dataset of the catalogue."""

    dataset_id: str
    dataset_uid: str
    visibility: str
    has_records: bool
    data_visible: bool
    features: list[str]
    attachments: list[dict[str, Any]]
    alternative_exports: list[dict[str, Any]]
    fields: list[Field]
    metas: dict[str, dict[str, Any]]


class CatalogPage(Open):
    """A page of ``catalog/datasets``."""

    total_count: int
    results: list[dict[str, Any]]


class RecordsPage(Open):
    """A page of records: flat objects of field values (or of the ``select``'s outputs)."""

    total_count: int
    results: list[dict[str, Any]]


class FacetValue(Open):
    """One value of a facet with its count and state (``displayed``, ``refined``…)."""

    name: str
    count: int
    state: str
    value: str


class Facet(Open):
    """A facet and its values."""

    name: str
    facets: list[FacetValue]


class Facets(Open):
    """The answer of the ``facets`` endpoints."""

    links: list[Link] = []
    facets: list[Facet]


class Attachments(Open):
    """The files attached to a dataset."""

    links: list[Link] = []
    attachments: list[dict[str, Any]]


class Error(Open):
    """Opendatasoft's error body."""

    error_code: str
    message: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Error, "description": "Bad query or parameter (ODSQLError, …)"},
    404: {"model": Error, "description": "Unknown dataset (or not visible to the caller)"},
}
