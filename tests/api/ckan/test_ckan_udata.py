"""Every package carries what udata's CKAN harvester (data.gouv.fr) requires: its schema
reproduced key by key, on the shared instance's packages and a fully described one."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ckanapi import RemoteCKAN
from throwaway import Served

# What udata's CKAN harvester (udata.harvest.backends.ckan) requires of package_show: its
# voluptuous schema has required=True, so each key must be there with one of these types.
NONE = type(None)
UDATA_PACKAGE = {
    "id": str, "name": str, "title": str, "notes": (str, NONE), "license_id": (str, NONE),
    "license_title": (str, NONE), "tags": list, "metadata_created": str,
    "metadata_modified": str, "organization": (dict, NONE), "resources": list,
    "extras": list, "private": bool, "type": str, "author": (str, NONE),
    "author_email": (str, NONE), "maintainer": (str, NONE), "maintainer_email": (str, NONE),
    "state": (str, NONE),
}  # fmt: skip
UDATA_RESOURCE = {
    "id": str, "position": int, "name": str, "description": (str, NONE), "format": str,
    "mimetype": (str, NONE), "size": (int, NONE), "hash": (str, NONE), "created": str,
    "last_modified": (str, NONE), "url": str, "resource_type": str,
}  # fmt: skip
UDATA_ORGANISATION = {
    "id": str, "description": str, "created": str, "title": str, "name": str,
    "revision_timestamp": str, "is_organization": bool, "state": str, "image_url": str,
    "revision_id": str, "type": str, "approval_status": str,
}  # fmt: skip
UDATA_RESOURCE_TYPES = ("dkan", "file", "file.upload", "api", "metadata")


def _conforms(value: dict[str, Any], shape: dict[str, Any], where: str) -> None:
    for key, kinds in shape.items():
        assert key in value, f"{where}: {key} missing"
        assert isinstance(value[key], kinds), f"{where}: {key} = {value[key]!r}"


def test_packages_carry_what_udatas_ckan_harvester_requires(
    ckan: RemoteCKAN, sql_server: Served
) -> None:
    with RemoteCKAN(sql_server.url) as other:
        packages = [ckan.action.package_show(id=n) for n in ckan.action.package_list()]
        packages.append(other.action.package_show(id="mesures"))
    for package in packages:
        where = package["name"]
        _conforms(package, UDATA_PACKAGE, where)
        assert package["type"] == "dataset" and package["resources"]  # udata skips none
        dt.datetime.fromisoformat(package["metadata_created"])
        dt.datetime.fromisoformat(package["metadata_modified"])
        organisation = package["organization"]
        _conforms(organisation, UDATA_ORGANISATION, f"{where} organization")
        assert (organisation["type"], organisation["approval_status"]) == (
            "organization",
            "approved",
        )
        dt.datetime.fromisoformat(organisation["created"])
        for tag in package["tags"]:
            _conforms(tag, {"id": str, "name": str}, f"{where} tag")
        for extra in package["extras"]:
            assert isinstance(extra["key"], str) and isinstance(extra["value"], str)
        for resource in package["resources"]:
            _conforms(resource, UDATA_RESOURCE, f"{where} {resource['format']}")
            assert resource["resource_type"] in UDATA_RESOURCE_TYPES
            assert str(uuid.UUID(resource["id"])) == resource["id"]
            dt.datetime.fromisoformat(resource["created"])
