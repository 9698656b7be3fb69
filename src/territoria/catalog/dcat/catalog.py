"""The ``dcat:Catalog`` with its Hydra paging and data services, and a remote catalogue read back.

Paging follows Hydra as data.gouv.fr's harvester reads it: the catalogue is also a
``hydra:Collection`` with ``hydra:totalItems``, its ``hydra:view`` a
``hydra:PartialCollectionView`` with ``hydra:first``/``hydra:last`` and ``hydra:next``/
``hydra:previous`` where they exist. The older ``hydra:PagedCollection`` with
``hydra:nextPage`` is read too, as other portals still write it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from territoria.catalog.dcat.dataset import dataset_from_rdf
from territoria.catalog.dcat.namespaces import DCAT, DCT, FOAF, HYDRA, RDF, RDFS, XSD
from territoria.catalog.dcat.remote import RemoteDataset
from territoria.catalog.dcat.terms import language_uri


@dataclass(frozen=True)
class CatalogInfo:
    """What the catalogue says of itself: title, description, publisher, home, language."""

    base_url: str
    title: str
    description: str
    publisher_name: str
    language: str = "fr"
    modified: str | None = None


@dataclass(frozen=True)
class Page:
    """One page of the catalogue: number (from 1), size, total datasets, and the URL of a page."""

    number: int
    size: int
    total: int
    url: Callable[[int], str]

    @property
    def last(self) -> int:
        """The number of the last page (1 for an empty catalogue)."""
        return max(1, -(-self.total // self.size))


def catalog_iri(base_url: str) -> URIRef:
    """The catalogue's IRI, the same whichever serialisation or page is asked."""
    return URIRef(f"{base_url}/catalog")


def catalog_to_rdf(
    graph: Graph, info: CatalogInfo, datasets: list[URIRef], page: Page | None = None
) -> URIRef:
    """Add the ``dcat:Catalog`` listing ``datasets`` (already in ``graph``) and, when
    paged, its Hydra view; returns the catalogue's IRI."""
    node = catalog_iri(info.base_url)
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCT.title, Literal(info.title, lang=info.language)))
    graph.add((node, DCT.description, Literal(info.description, lang=info.language)))
    publisher = URIRef(f"{info.base_url}/#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(info.publisher_name)))
    graph.add((node, DCT.publisher, publisher))
    home = URIRef(f"{info.base_url}/")
    graph.add((node, FOAF.homepage, home))
    graph.add((home, RDF.type, FOAF.Document))
    language = URIRef(language_uri(info.language))
    graph.add((node, DCT.language, language))
    graph.add((language, RDF.type, DCT.LinguisticSystem))
    if info.modified:
        graph.add((node, DCT.modified, Literal(info.modified, datatype=XSD.dateTime)))
    for dataset in datasets:
        graph.add((node, DCAT.dataset, dataset))
    if page is not None:
        _paging(graph, node, page)
    return node


def _paging(graph: Graph, catalog: URIRef, page: Page) -> None:
    view = URIRef(page.url(page.number))
    graph.add((catalog, RDF.type, HYDRA.Collection))
    graph.add((catalog, HYDRA.totalItems, Literal(page.total, datatype=XSD.nonNegativeInteger)))
    graph.add((catalog, HYDRA.view, view))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, URIRef(page.url(1))))
    graph.add((view, HYDRA.last, URIRef(page.url(page.last))))
    if page.number < page.last:
        graph.add((view, HYDRA.next, URIRef(page.url(page.number + 1))))
    if 1 < page.number <= page.last + 1:
        graph.add((view, HYDRA.previous, URIRef(page.url(min(page.number, page.last + 1) - 1))))


def data_service_to_rdf(
    graph: Graph,
    node: URIRef,
    identifier: str,
    title: str,
    endpoint: str,
    description_url: str,
    datasets: list[URIRef],
    conforms_to: str | None = None,
) -> URIRef:
    """A ``dcat:DataService`` (an API serving ``datasets``), listed by the catalogue; its
    ``dct:identifier`` is what data.gouv.fr's harvester keys a harvested API on."""
    graph.add((node, RDF.type, DCAT.DataService))
    graph.add((node, DCT.identifier, Literal(identifier)))
    graph.add((node, DCT.title, Literal(title)))
    for predicate, url in (
        (DCAT.endpointURL, endpoint),
        (DCAT.endpointDescription, description_url),
    ):
        graph.add((node, predicate, URIRef(url)))
        graph.add((URIRef(url), RDF.type, RDFS.Resource))  # the range shapes ask it typed
    if conforms_to:
        graph.add((node, DCT.conformsTo, URIRef(conforms_to)))
        graph.add((URIRef(conforms_to), RDF.type, DCT.Standard))
    for dataset in datasets:
        graph.add((node, DCAT.servesDataset, dataset))
    for catalog in graph.subjects(RDF.type, DCAT.Catalog):
        graph.add((catalog, DCAT.service, node))
    return node


def next_page(graph: Graph) -> str | None:
    """The URL of the next page of a paged remote catalogue, or None on the last page."""
    for kind, predicate in (
        (HYDRA.PartialCollectionView, HYDRA.next),
        (HYDRA.PagedCollection, HYDRA.nextPage),
    ):
        for view in graph.subjects(RDF.type, kind):
            found = graph.value(view, predicate)
            if found is not None:
                return str(found)
    return None


def catalog_from_rdf(graph: Graph) -> list[RemoteDataset]:
    """Every ``dcat:Dataset`` of ``graph`` (one page, or the pages merged), in a stable order."""
    found = [dataset_from_rdf(graph, node) for node in set(graph.subjects(RDF.type, DCAT.Dataset))]
    return sorted(found, key=lambda d: d.remote_id)
