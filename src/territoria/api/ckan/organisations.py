"""CKAN's ``organization_list`` and ``organization_show``: our publishers as organisations.

An organisation's ``name`` is its code (SIREN or COG), its ``id`` a UUID derived from the
code, stable for its life. ``package_count`` counts only the datasets the caller may see,
so a private dataset shows in no count. CKAN's defaults: names only unless ``all_fields``,
sorted by ``title asc`` (``name`` and ``package_count`` too), ``limit`` at most 1000 names
or 25 full dicts (``ckan.group_and_organization_list[_all_fields]_max``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select

from territoria.api.ckan.envelope import invalid, missing
from territoria.api.ckan.lookup import Call, not_found, visible_metadata
from territoria.api.ckan.organisation_shape import organisation_dict
from territoria.api.ckan.params import boolean, names, natural, text
from territoria.catalog.models import Organisation

NAMES_MAX = 1000
DICTS_MAX = 25
SORT_KEYS = ("title", "name", "package_count")


def _organisations(call: Call) -> list[dict[str, Any]]:
    counts = Counter(
        meta["publisher"]["code"] for meta in visible_metadata(call) if meta.get("publisher")
    )
    out = []
    for org in call.session.scalars(select(Organisation)).all():
        publisher = {"code": org.code, "name": org.name, "kind": org.kind, "siren": org.siren}
        publisher["territory"] = org.territory
        created = org.created_at.isoformat(timespec="seconds")
        out.append(organisation_dict(publisher, counts.get(org.code, 0), created))
    return out


def _sorted(orgs: list[dict[str, Any]], raw: str | None) -> list[dict[str, Any]]:
    parts = (raw or "title asc").split()
    key = parts[0] if parts else "title"
    direction = parts[1].lower() if len(parts) > 1 else "asc"
    if key not in SORT_KEYS or direction not in ("asc", "desc"):
        raise invalid(
            "sort",
            f"Cannot sort by field `{raw}`",
            f"tri impossible sur « {raw} » (title, name, package_count ; asc ou desc)",
        )
    by_name = sorted(orgs, key=lambda o: o["name"])
    if key == "title":
        by_name.sort(key=lambda o: o["title"].lower())
    elif key == "package_count":
        by_name.sort(key=lambda o: o["package_count"])
    return list(reversed(by_name)) if direction == "desc" else by_name


def organization_list(call: Call, params: dict[str, Any]) -> list[Any]:
    """Names (or dicts with ``all_fields``) of the organisations."""
    full = boolean(params, "all_fields")
    limit = natural(params, "limit", DICTS_MAX if full else NAMES_MAX)
    limit = min(limit, DICTS_MAX if full else NAMES_MAX)
    offset = natural(params, "offset", 0)
    wanted = names(params, "organizations")
    orgs = _sorted(_organisations(call), text(params, "sort"))
    if wanted is not None:
        orgs = [o for o in orgs if o["name"] in wanted]
    page = orgs[offset : offset + limit]
    return page if full else [o["name"] for o in page]


def organization_show(call: Call, params: dict[str, Any]) -> dict[str, Any]:
    """One organisation by ``id``: its name (code) or its UUID."""
    ident = text(params, "id")
    if not ident:
        raise missing("id")
    for org in _organisations(call):
        if ident in (org["name"], org["id"]):
            if boolean(params, "include_datasets"):
                org["packages"] = [
                    call.package(m)
                    for m in visible_metadata(call)
                    if m.get("publisher") and m["publisher"]["code"] == org["name"]
                ]
            return org
    raise not_found("Organisation", "Organization", ident)
