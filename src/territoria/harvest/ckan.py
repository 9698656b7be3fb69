"""A CKAN portal read through its Action API: ``package_search`` paged, each package's tags,
groups, licence, organisation and ``extras`` (``spatial``, ``frequency``, ``temporal_start``/
``temporal_end``, as udata and DCAT-AP CKAN profiles write them), and its best resource."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError

ACTION = "/api/3/action"
PAGE = 100
# the formats ingest reads, best first: typed, then tabular text, then spreadsheets, then JSON
PREFERRED = ("parquet", "csv", "xlsx", "xls", "geojson", "json")


def base_of(url: str) -> str:
    """The portal's root from any URL of it (``…/api/3/action/…`` → ``…``)."""
    root = url.split("?", 1)[0].split("/api/3", 1)[0].split("/api/action", 1)[0]
    return root.rstrip("/")


def action(client: PoliteClient, base: str, name: str, **params: Any) -> Any:
    """The ``result`` of action ``name``; RemoteError when CKAN says it failed."""
    answer = client.get_json(f"{base}{ACTION}/{name}", params or None)
    if not isinstance(answer, Mapping) or answer.get("success") is not True:
        error = answer.get("error") if isinstance(answer, Mapping) else None
        raise RemoteError(
            f"l'action CKAN {name} a échoué : {error}",
            f"CKAN action {name} failed: {error}",
            details={"action": name},
        )
    return answer.get("result")


def packages(client: PoliteClient, base: str) -> Iterator[dict[str, Any]]:
    """Every package of the portal (``package_search`` returns them whole), in a stable order."""
    start = 0
    while True:
        result = action(client, base, "package_search", rows=PAGE, start=start, sort="name asc")
        rows = result.get("results") if isinstance(result, Mapping) else None
        if not isinstance(rows, list) or not rows:
            return
        yield from (dict(r) for r in rows if isinstance(r, Mapping))
        start += len(rows)
        if start >= int(result.get("count") or 0):
            return


def _format(resource: Mapping[str, Any]) -> str:
    text = str(resource.get("format") or "").strip().lower().lstrip(".")
    if not text:
        url = str(resource.get("url") or "").split("?", 1)[0].lower()
        text = url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else ""
    return {"excel": "xlsx", "text/csv": "csv", "application/json": "json"}.get(text, text)


def best_downloads(resources: Any) -> list[Download]:
    """The package's readable resources with a URL, best format first (an API resource or a
    documentation page is left out)."""
    found = []
    for resource in resources if isinstance(resources, list) else []:
        url, fmt = str(resource.get("url") or ""), _format(resource)
        if url.startswith(("http://", "https://")) and fmt in PREFERRED:
            found.append((PREFERRED.index(fmt), Download(url, fmt)))
    return [d for _, d in sorted(found, key=lambda pair: pair[0])]


def remote_dataset(package: Mapping[str, Any]) -> RemoteDataset:
    """A package as the common remote shape."""
    extras = {
        str(e.get("key")): e.get("value")
        for e in package.get("extras") or []
        if isinstance(e, Mapping)
    }
    organisation = package.get("organization") or {}
    spatial = extras.get("spatial_uri") or extras.get("spatial")
    return RemoteDataset(
        remote_id=str(package.get("name") or package.get("id")),
        title=str(package.get("title") or package.get("name")),
        description=str(package.get("notes") or ""),
        keywords=[str(t.get("name")) for t in package.get("tags") or [] if t.get("name")],
        themes=[str(g.get("title") or g.get("name")) for g in package.get("groups") or [] if g]
        + ([str(extras["theme"])] if extras.get("theme") else []),
        license=package.get("license_id") or package.get("license_title"),
        license_url=package.get("license_url"),
        publisher=organisation.get("title") or organisation.get("name") or package.get("author"),
        spatial=[str(spatial)] if spatial and not str(spatial).lstrip().startswith("{") else [],
        temporal_start=extras.get("temporal_start"),
        temporal_end=extras.get("temporal_end"),
        frequency=extras.get("frequency")
        or extras.get("accrual_periodicity")
        or extras.get("frequency-of-update"),
        conforms_to=extras.get("conforms_to") or extras.get("schema"),
        landing_page=package.get("url") or None,
        contact_name=package.get("maintainer"),  # the author is the publisher, not a contact
        contact_email=package.get("maintainer_email")
        or package.get("author_email")
        or extras.get("contact-email"),
        language=extras.get("language"),
        modified=str(package.get("metadata_modified") or ""),
        downloads=best_downloads(package.get("resources")),
    )


def datasets(client: PoliteClient, url: str) -> Iterator[RemoteDataset]:
    """Every dataset of the portal at ``url`` in the common shape."""
    for package in packages(client, base_of(url)):
        yield remote_dataset(package)
