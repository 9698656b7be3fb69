"""A DCAT catalogue (Turtle, RDF/XML, JSON-LD) read page after page (Hydra ``next``) with
``catalog.dcat.catalog_from_rdf``; each dataset's distributions become its downloads."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from rdflib import Graph

from territoria.catalog.dcat.catalog import catalog_from_rdf, next_page
from territoria.catalog.dcat.remote import RemoteDataset as DcatDataset
from territoria.harvest.ckan import PREFERRED
from territoria.harvest.http import PoliteClient
from territoria.harvest.remote import Download, RemoteDataset, RemoteError

ACCEPT = "text/turtle, application/ld+json;q=0.9, application/rdf+xml;q=0.8"
FORMATS = {"turtle": "turtle", "ld+json": "json-ld", "json": "json-ld", "rdf+xml": "xml"}
MAX_PAGES = 10_000


def _graph(client: PoliteClient, url: str) -> Graph:
    response = client.get(url, accept=ACCEPT)
    if response.status_code != 200:
        raise RemoteError(
            f"{url} a répondu HTTP {response.status_code}",
            f"{url} answered HTTP {response.status_code}",
            details={"url": url, "status": response.status_code},
        )
    kind = response.headers.get("Content-Type", "")
    fmt = next((f for t, f in FORMATS.items() if t in kind), None)
    graph = Graph()
    try:
        graph.parse(data=response.content, format=fmt or "turtle")
    except Exception as error:  # rdflib raises many kinds on a non-RDF body
        raise RemoteError(
            f"{url} n'est pas un document RDF lisible : {type(error).__name__}",
            f"{url} is not a readable RDF document: {type(error).__name__}",
            details={"url": url},
        ) from None
    return graph


def _own_page(page: Any, root: str) -> str | None:
    """The slug in a landing page that is the remote portal's own dataset page
    (``<root>/datasets/<slug>``): the slug to keep, the page dies with the old portal."""
    prefix = f"{root}/datasets/"
    if isinstance(page, str) and page.startswith(prefix) and "/" not in page[len(prefix) :]:
        return page[len(prefix) :] or None
    return None


def _remote(found: DcatDataset, root: str) -> RemoteDataset:
    meta: dict[str, Any] = found.metadata
    own = _own_page(meta.get("landingPage"), root)
    downloads = sorted(
        (
            Download(d.url, str(d.format), sha256=d.checksum)
            for d in found.distributions
            if d.format in PREFERRED
        ),
        key=lambda d: PREFERRED.index(d.format),
    )
    publisher = meta.get("publisher")
    return RemoteDataset(
        remote_id=found.remote_id,
        title=str(meta.get("title") or found.remote_id),
        description=str(meta.get("description") or ""),
        keywords=list(meta.get("keywords") or []),
        themes=list(meta.get("themes") or []),
        license=meta.get("license"),
        publisher=publisher.get("name") if isinstance(publisher, dict) else publisher,
        publisher_spec=publisher if isinstance(publisher, dict) else None,
        spatial=list(meta.get("spatial") or []),
        temporal_start=meta.get("temporalStart"),
        temporal_end=meta.get("temporalEnd"),
        frequency=meta.get("frequency"),
        conforms_to=found.conforms_to,
        landing_page=None if own else meta.get("landingPage"),
        contact_name=meta.get("contactName"),
        contact_email=meta.get("contactEmail"),
        language=meta.get("language"),
        slug=getattr(found, "slug", None) or own,
        downloads=downloads,
    )


WELL_KNOWN = ("/catalog", "/api/explore/v2.1/catalog/exports/dcat", "/api/1/site/catalog")
"""Where a portal keeps its DCAT catalogue when given by its bare address: Territoria,
Opendatasoft, udata."""


def _first_graph(client: PoliteClient, url: str, root: str) -> tuple[str, Graph]:
    """The catalogue's first page: ``url`` itself, else — for a portal's bare address — the
    first well-known catalogue path that answers RDF."""
    try:
        return url, _graph(client, url)
    except RemoteError:
        if urlsplit(url).path.strip("/"):
            raise  # a path was given: it is the catalogue, or nothing is
        for path in WELL_KNOWN:
            with contextlib.suppress(RemoteError):
                return root + path, _graph(client, root + path)
        raise


def datasets(client: PoliteClient, url: str) -> Iterator[RemoteDataset]:
    """Every dataset of the catalogue at ``url`` (or at a well-known path of the portal whose
    bare address ``url`` is), following its pages."""
    parts = urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}"
    first, graph = _first_graph(client, url, root)
    seen: set[str] = set()
    page: str | None = first
    while page and page not in seen and len(seen) < MAX_PAGES:
        seen.add(page)
        graph = graph if page == first else _graph(client, page)
        for found in catalog_from_rdf(graph):
            yield _remote(found, root)
        page = next_page(graph)
