"""Ids we derive and a publisher as CKAN's organisation dict.

CKAN's objects are named by UUIDs; ours by codes and slugs. A UUID-5 of what names the
object (``organisation:217500016``) is the same on every call and every instance, so a
harvester that keys on ids sees the same organisation, tag or resource each time.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

NAMESPACE = uuid.UUID("6f1d3c2e-2d7c-5b0e-9a51-7e1f0c4b8a10")
"""Namespace of the UUIDs we derive (resources, organisations, tags, groups)."""


def derived_id(*parts: str) -> str:
    """A stable UUID for what ``parts`` name."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def organisation_id(code: str) -> str:
    """The stable id of the organisation ``code``."""
    return derived_id("organisation", code)


def organisation_dict(
    publisher: Mapping[str, Any], package_count: int | None = None, created: str | None = None
) -> dict[str, Any]:
    """A publisher as CKAN's organisation dict (``name`` is its code: SIREN or COG).

    ``created``, ``revision_timestamp`` and ``revision_id`` are strings that udata's CKAN
    harvester requires of a package's organisation (its schema refuses the package else)."""
    out: dict[str, Any] = {
        "id": organisation_id(publisher["code"]),
        "name": publisher["code"],
        "title": publisher["name"],
        "display_name": publisher["name"],
        "description": "",
        "image_url": "",
        "image_display_url": "",
        "created": created,
        "revision_timestamp": created,
        "revision_id": organisation_id(publisher["code"]),
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "type": "organization",
        "extras": [
            {"key": k, "value": publisher.get(k)}
            for k in ("siren", "territory", "kind")
            if publisher.get(k)
        ],
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out
