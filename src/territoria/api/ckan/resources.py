"""CKAN's ``resource_show``: one export of a dataset's latest version, by its stable id."""

from __future__ import annotations

from typing import Any

from territoria.api.ckan.envelope import missing
from territoria.api.ckan.lookup import Call, find_resource
from territoria.api.ckan.params import text


def resource_show(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """The resource ``id`` of a dataset the caller may see (``Not Found Error`` otherwise)."""
    ident = text(params, "id")
    if not ident:
        raise missing("id")
    package, resource = find_resource(call, ident)
    return {**resource, "package_id": package["id"]}
