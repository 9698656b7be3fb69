"""One dataset as Opendatasoft's Explore v2.1 shows it: ids, features, fields, ``metas``.

The catalogue's metadata (DCAT-AP fields, from the service layer) is laid out in
Opendatasoft's ``metas.default`` template (``title``, ``keyword``, ``theme``, ``license``,
``records_count``, ``data_processed``…) and ``metas.dcat`` (contact, periodicity, coverage),
under the names reusers' scripts read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from territoria.catalog.models import Dataset, Version
from territoria.query.fields import QueryField

GEO_TYPES = ("geo_point_2d", "geo_shape")
TIME_TYPES = ("date", "datetime")


def iso(moment: dt.datetime | dt.date | None) -> str | None:
    """``2024-03-01T10:00:00+00:00`` (a naive time is UTC, as the catalogue stores it)."""
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="seconds")


def dataset_uid(dataset: Dataset) -> str:
    """``da_`` and six base-36 characters, as Opendatasoft's uids, fixed for the dataset's
    life (derived from its stable identifier, not its slug, which may be renamed)."""
    seed = getattr(dataset, "identifier", None) or dataset.slug
    number = int(hashlib.sha1(str(seed).encode()).hexdigest(), 16)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(6):
        number, rest = divmod(number, 36)
        out += digits[rest]
    return f"da_{out}"


def features(fields: Sequence[QueryField], rows: int) -> list[str]:
    """Opendatasoft's ``features``: ``analyze`` (records to aggregate), ``timeserie`` (a date
    field), ``geo`` (a geographic field)."""
    out = []
    if rows:
        out.append("analyze")
    if any(f.type in TIME_TYPES for f in fields):
        out.append("timeserie")
    if any(f.type in GEO_TYPES for f in fields):
        out.append("geo")
    return out


def _label(value: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get("label") or value.get("name") or value.get("id")
    return value


def _uri(value: Any) -> Any:
    return value.get("uri") if isinstance(value, Mapping) else None


def _labels(values: Any) -> list[Any] | None:
    if not values:
        return None
    return [_label(v) for v in (values if isinstance(values, list) else [values])]


def metas(
    meta: Mapping[str, Any], dataset: Dataset, version: Version | None
) -> dict[str, dict[str, Any]]:
    """``metas.default`` and ``metas.dcat`` from the catalogue's metadata dict ``meta``."""
    licence = meta.get("license", dataset.license)
    publisher = meta.get("publisher")
    organisation = dataset.organisation
    publisher_name = _label(publisher) or (organisation.name if organisation else None)
    data_time = version.created_at if version else None
    moments = [m for m in (dataset.updated_at, data_time) if m is not None]
    modified = max(moments, key=lambda m: iso(m) or "") if moments else None
    default = {
        "title": meta.get("title", dataset.title),
        "description": meta.get("description", dataset.description) or None,
        "theme": _labels(meta.get("themes", dataset.themes)),
        "keyword": list(meta.get("keywords", dataset.keywords) or []) or None,
        "license": _label(licence),
        "license_url": _uri(licence) or meta.get("licenseUrl"),
        "language": meta.get("language", dataset.language),
        "metadata_languages": [meta.get("language", dataset.language)],
        "timezone": "UTC",
        "modified": iso(modified),
        "modified_updates_on_metadata_change": True,
        "modified_updates_on_data_change": True,
        "data_processed": iso(data_time),
        "metadata_processed": iso(dataset.updated_at),
        "geographic_reference": list(dataset.spatial_coverage or []) or None,
        "territory": _labels(meta.get("spatial", dataset.spatial_coverage)),
        "conforms_to": meta.get("conformsTo"),
        "publisher": publisher_name,
        "references": meta.get("landingPage", dataset.landing_page),
        "records_count": version.row_count if version else 0,
        "attributions": None,
    }
    frequency = meta.get("frequency", dataset.frequency)
    dcat = {
        "created": iso(dataset.created_at),
        "issued": iso(dataset.versions[0].created_at) if dataset.versions else None,
        "creator": publisher_name,
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
        "accrualperiodicity": _uri(frequency) or _label(frequency),
        "spatial": list(dataset.spatial_coverage or []) or None,
        "temporal_coverage_start": iso(dataset.temporal_start),
        "temporal_coverage_end": iso(dataset.temporal_end),
        "conforms_to": meta.get("conformsTo"),
        "identifier": getattr(dataset, "identifier", None),
    }
    return {"default": default, "dcat": dcat}


def ods_dataset(
    dataset: Dataset,
    version: Version | None,
    fields: Sequence[QueryField],
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The dataset object of ``catalog/datasets`` and ``catalog/datasets/{dataset_id}``."""
    rows = version.row_count if version else 0
    return {
        "visibility": "domain" if dataset.visibility == "public" else "restricted",
        "dataset_id": dataset.slug,
        "dataset_uid": dataset_uid(dataset),
        "has_records": rows > 0,
        "data_visible": True,
        "features": features(fields, rows),
        "attachments": [],
        "alternative_exports": [],
        "fields": [f.to_ods() for f in fields],
        "metas": metas(meta or {}, dataset, version),
    }
