"""The DCAT-AP catalogue of what a caller may see: one page of datasets as an RDF graph.

The datasets come through the one visibility rule (``visible_datasets_clause``): a private
dataset is neither listed nor counted for an anonymous harvester, exactly as through the
Explore API; the administrator's token shows it too. Order is stable across pages: first
version's date (``issued``; creation for a dataset without version), then the UUID.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from territoria.catalog.dcat.catalog import CatalogInfo, Page, catalog_to_rdf, data_service_to_rdf
from territoria.catalog.dcat.dataset import dataset_iri, dataset_to_rdf
from territoria.catalog.dcat.namespaces import new_graph
from territoria.catalog.dcat.remote import RemoteDistribution
from territoria.catalog.models import Dataset, Version
from territoria.config import Settings
from territoria.errors import UserError
from territoria.security.actor import Actor
from territoria.security.visibility import visible_datasets_clause
from territoria.services.dcat_extent import Extent
from territoria.services.export_options import FORMATS
from territoria.services.metadata_view import dataset_metadata

Geography = tuple[bool, Extent | None]  # a geo field?, the box of its points
DEFAULT_PAGE_SIZE = 100
MAX_PAGE = 1_000_000  # beyond, the offset would overflow the database's integers
MAX_PAGE_SIZE = 500  # a page of 500 datasets: ~32,000 triples, a few seconds to write
ODS_PREFIX = "/api/explore/v2.1"


class InvalidPageError(UserError):
    """A page number or page size outside what the catalogue serves."""

    code = "invalid-parameter"


@dataclass(frozen=True)
class PageRequest:
    """The page asked (``?page=N&page_size=M``) and how to write the URL of another page."""

    number: int
    size: int
    url: Callable[[int], str]

    def check(self) -> None:
        """Refuse a page outside 1…:data:`MAX_PAGE` or a size outside 1…:data:`MAX_PAGE_SIZE`
        (400)."""
        if not 1 <= self.number <= MAX_PAGE or not 1 <= self.size <= MAX_PAGE_SIZE:
            raise InvalidPageError(
                f"Pagination invalide : 1 ≤ page ≤ {MAX_PAGE} et 1 ≤ page_size ≤ "
                f"{MAX_PAGE_SIZE} (reçu page={self.number}, page_size={self.size}).",
                f"Invalid paging: 1 ≤ page ≤ {MAX_PAGE} and 1 ≤ page_size ≤ {MAX_PAGE_SIZE} "
                f"(got page={self.number}, page_size={self.size}).",
                details={"page": self.number, "page_size": self.size},
            )


def distributions_of(
    metadata: dict[str, Any], base_url: str, geo: bool
) -> list[RemoteDistribution]:
    """One distribution per export format of the latest version (GeoJSON only when ``geo``:
    a field holds geometry); none for a dataset without version, nothing to download yet."""
    if not metadata.get("latestVersion"):
        return []
    exports = f"{base_url}{ODS_PREFIX}/catalog/datasets/{metadata['slug']}/exports"
    return [
        RemoteDistribution(url=f"{exports}/{fmt}", format=fmt, title=f"{metadata['title']} ({fmt})")
        for fmt in FORMATS
        if fmt != "geojson" or geo
    ]


def _issued() -> ColumnElement[Any]:
    first = (
        select(func.min(Version.created_at))
        .where(Version.dataset_id == Dataset.id, Version.status == "committed")
        .scalar_subquery()
    )
    return func.coalesce(first, Dataset.created_at)


def _last_change(session: Session, actor: Actor) -> str | None:
    """When any dataset the caller sees last changed (metadata or version): the same on
    every page, so that pages merged by a harvester agree on the catalogue's date."""
    visible = visible_datasets_clause(actor)
    edited = session.scalar(select(func.max(Dataset.updated_at)).where(visible))
    versioned = session.scalar(
        select(func.max(Version.created_at)).join(Dataset, Version.dataset).where(visible)
    )
    found = [d for d in (edited, versioned) if d is not None]
    return max(found).isoformat(timespec="seconds") if found else None


def _services(graph: Graph, session: Session, actor: Actor, base_url: str) -> None:
    """The Explore and CKAN APIs as ``dcat:DataService``s serving every visible dataset, on
    the first page only: a service repeated on each page is one data.gouv.fr's harvester
    refuses as a duplicate (it keys a service on its ``dct:identifier``)."""
    identifiers = session.scalars(
        select(Dataset.identifier)
        .where(visible_datasets_clause(actor))
        .order_by(_issued(), Dataset.identifier)
    ).all()
    served = [dataset_iri(base_url, identifier) for identifier in identifiers]
    for key, title, endpoint in (
        ("ods", "API Explore v2.1 (Opendatasoft)", f"{base_url}{ODS_PREFIX}/"),
        ("ckan", "API Action de CKAN", f"{base_url}/api/3/action/"),
    ):
        node = URIRef(f"{base_url}/catalog#service-{key}")
        description = f"{base_url}/openapi.json"
        data_service_to_rdf(graph, node, str(node), title, endpoint, description, served)


def catalogue_graph(
    session: Session,
    actor: Actor,
    settings: Settings,
    base_url: str,
    page: PageRequest,
    geography: Callable[[Version], Geography],
) -> Graph:
    """The catalogue's page ``page`` as a graph: its datasets, the catalogue with its Hydra
    view, and (on the first page) the Explore and CKAN APIs as data services.
    ``geography`` tells whether a version has a geo field (from the caller's cached query
    fields), for the GeoJSON export, and the box of its points."""
    page.check()
    visible = visible_datasets_clause(actor)
    total = session.scalar(select(func.count()).select_from(Dataset).where(visible)) or 0
    rows = session.scalars(
        select(Dataset)
        .where(visible)
        .options(selectinload(Dataset.versions), selectinload(Dataset.organisation))
        .order_by(_issued(), Dataset.identifier)
        .offset((page.number - 1) * page.size)
        .limit(page.size)
    ).all()
    graph = new_graph()
    nodes: list[URIRef] = []
    for dataset in rows:
        versions = [v for v in dataset.versions if v.status == "committed"]
        metadata = dataset_metadata(dataset, versions)
        geo, extent = geography(versions[-1]) if versions else (False, None)
        if extent is not None:
            metadata = {**metadata, "extent": extent}
        distributions = distributions_of(metadata, base_url, geo)
        nodes.append(dataset_to_rdf(graph, metadata, base_url, distributions))
    info = CatalogInfo(
        base_url=base_url,
        title=f"Catalogue de données de {settings.organisation_name}",
        description=(
            f"Les jeux de données publiés par {settings.organisation_name} sur Territoria, "
            "au profil DCAT-AP 3."
        ),
        publisher_name=settings.organisation_name,
        modified=_last_change(session, actor),
    )
    catalog_to_rdf(graph, info, nodes, Page(page.number, page.size, total, page.url))
    if page.number == 1:
        _services(graph, session, actor, base_url)
    return graph
