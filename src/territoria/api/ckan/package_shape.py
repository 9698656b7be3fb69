"""Our metadata dict as CKAN's package dict: what ckanapi scripts and udata's CKAN harvester read.

One resource per export format of the latest version, its ``url`` the Explore API export
(the one export path), ``resource_type`` ``file`` (udata keeps only file, api… resources);
ids are UUIDs derived from the dataset's stable identifier and the format, so they survive
new versions and slug renames. The CSV resource is the one ``datastore_search`` reads.
``extras`` carry what udata maps: ``frequency`` (the EU vocabulary URI it parses),
``temporal_start``/``temporal_end``, ``spatial-text`` (the COG territory id: ``spatial``
must be a GeoJSON polygon there, which we do not hold), ``conforms_to``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from territoria.api.ckan.organisation_shape import derived_id, organisation_dict, organisation_id

RESOURCE_FORMATS = (
    ("csv", "CSV", "text/csv"),
    ("json", "JSON", "application/json"),
    ("geojson", "GeoJSON", "application/geo+json"),
    ("parquet", "Parquet", "application/vnd.apache.parquet"),
    ("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)
DATASTORE_FORMAT = "csv"
GEO_TYPES = ("geopoint", "geojson", "geo_point_2d", "geo_shape")
ODS_EXPORTS = "/api/explore/v2.1/catalog/datasets/{slug}/exports/{fmt}"


def resource_id(identifier: str, fmt: str) -> str:
    """The id of the ``fmt`` resource of the dataset with the stable ``identifier``."""
    return derived_id("resource", identifier, fmt)


def _formats(meta: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    geo = any(f.get("type") in GEO_TYPES for f in meta.get("fields") or [])
    return [f for f in RESOURCE_FORMATS if f[0] != "geojson" or geo]


def resources(meta: Mapping[str, Any], base: str) -> list[dict[str, Any]]:
    """The package's resources: one per export format of its latest version."""
    latest = meta.get("latestVersion")
    if not latest:
        return []
    out = []
    for position, (fmt, label, mime) in enumerate(_formats(meta)):
        out.append(
            {
                "id": resource_id(meta["identifier"], fmt),
                "package_id": meta["identifier"],
                "name": f"{meta['title']} ({label})",
                "description": f"Export {label} de la version {latest['number']}.",
                "url": base.rstrip("/") + ODS_EXPORTS.format(slug=meta["slug"], fmt=fmt),
                "format": label,
                "mimetype": mime,
                "resource_type": "file",
                "url_type": None,
                "size": None,
                "hash": None,
                "created": latest.get("createdAt"),
                "last_modified": latest.get("createdAt"),
                "metadata_modified": meta.get("modified"),
                "position": position,
                "state": "active",
                "datastore_active": fmt == DATASTORE_FORMAT,
            }
        )
    return out


def _extras(meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    frequency = meta.get("frequency") or {}
    temporal = meta.get("temporal") or {}
    pairs = [
        ("spatial-text", ", ".join(meta.get("spatial") or [])),
        ("frequency", frequency.get("uri") or frequency.get("id")),
        ("temporal_start", temporal.get("start")),
        ("temporal_end", temporal.get("end")),
        ("conforms_to", meta.get("conformsTo")),
        ("issued", meta.get("issued")),
        ("language", meta.get("language")),
        ("identifier", meta.get("identifier")),
    ]
    return [{"key": k, "value": v} for k, v in pairs if v]


def package_dict(
    meta: Mapping[str, Any], base: str, created: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """CKAN's ``package_show`` result for the metadata dict ``meta``; ``base`` is the public
    root URL the resources' links start with, ``created`` each organisation's creation time
    by code."""
    licence = meta.get("license") or {}
    publisher = meta.get("publisher")
    contact = meta.get("contactPoint") or {}
    found = resources(meta, base)
    return {
        "id": meta["identifier"],
        "name": meta["slug"],
        "title": meta["title"],
        "notes": meta.get("description") or "",
        "url": meta.get("landingPage") or "",
        "license_id": licence.get("id"),
        "license_title": licence.get("label"),
        "license_url": licence.get("uri"),
        "tags": [
            {"id": derived_id("tag", k), "name": k, "display_name": k, "state": "active"}
            for k in meta.get("keywords") or []
        ],
        "groups": [
            {
                "id": derived_id("group", t["id"]),
                "name": str(t["id"]).lower(),
                "title": t["label"],
                "display_name": t["label"],
                "description": t.get("uri") or "",
            }
            for t in meta.get("themes") or []
        ],
        "organization": (
            organisation_dict(publisher, created=(created or {}).get(publisher["code"]))
            if publisher
            else None
        ),
        "owner_org": organisation_id(publisher["code"]) if publisher else None,
        "maintainer": contact.get("name"),
        "maintainer_email": contact.get("email"),
        "author": publisher["name"] if publisher else None,
        "author_email": None,
        "metadata_created": meta.get("issued") or meta.get("modified"),
        "metadata_modified": meta.get("modified"),
        "private": meta.get("visibility") != "public",
        "state": "active",
        "type": "dataset",
        "isopen": bool(licence.get("uri")),
        "version": str((meta.get("latestVersion") or {}).get("number") or ""),
        "num_resources": len(found),
        "num_tags": len(meta.get("keywords") or []),
        "resources": found,
        "extras": _extras(meta),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }
