"""A ``dcat:Dataset`` from the one metadata dict, and back to the changes ``edit_dataset`` takes.

Every node a DCAT-AP range shape checks is typed (licence ``dct:LicenseDocument``, period
``dct:PeriodOfTime``…), so the official SHACL shapes pass without inference. Our verticals
(``dechets``) are ``skos:Concept``s of our own scheme, written beside the EU data theme they
narrow; reading back, an EU theme implied by one of our verticals is dropped again.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from territoria.catalog.changes import normalise_changes
from territoria.catalog.dcat.agent import (
    agent_from_rdf,
    agent_to_rdf,
    contact_from_rdf,
    contact_to_rdf,
    location_id,
)
from territoria.catalog.dcat.distribution import distribution_from_rdf, distribution_to_rdf
from territoria.catalog.dcat.extent import extent_to_rdf
from territoria.catalog.dcat.namespaces import DCAT, DCT, FOAF, RDF, XSD, text
from territoria.catalog.dcat.remote import RemoteDataset, RemoteDistribution
from territoria.catalog.dcat.terms import language_of, language_uri, territory_uri
from territoria.catalog.dcat.themes import theme_ids, theme_to_rdf
from territoria.catalog.vocabularies.frequencies import FREQUENCIES
from territoria.catalog.vocabularies.licences import LICENCES
from territoria.errors import UserError


def _typed(graph: Graph, subject: Node, predicate: URIRef, uri: str, kind: URIRef) -> None:
    graph.add((subject, predicate, URIRef(uri)))
    graph.add((URIRef(uri), RDF.type, kind))


def _dated(value: str) -> Literal:
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def dataset_iri(base_url: str, identifier: str) -> URIRef:
    """The dataset's IRI, minted from its UUID so that renaming the slug keeps it."""
    return URIRef(f"{base_url}/datasets/{identifier}")


def dataset_to_rdf(
    graph: Graph, metadata: dict[str, Any], base_url: str, distributions: list[RemoteDistribution]
) -> URIRef:
    """Add the dataset of ``metadata`` (``services.metadata_view.dataset_metadata``'s dict,
    with an ``extent`` (west, south, east, north) when its data's points were boxed) with
    its ``distributions`` to ``graph``; returns its IRI."""
    node = dataset_iri(base_url, metadata["identifier"])
    lang = metadata.get("language") or "fr"
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCT.identifier, Literal(metadata["identifier"])))
    graph.add((node, DCT.title, text(metadata["title"], lang)))
    # DCAT-AP requires a description: an undescribed dataset says its title again
    description = metadata.get("description") or metadata["title"]
    graph.add((node, DCT.description, text(description, lang)))
    for keyword in metadata.get("keywords") or []:
        graph.add((node, DCAT.keyword, text(keyword, lang)))
    for theme in metadata.get("themes") or []:
        if not theme_to_rdf(graph, node, theme):  # a legacy free-text theme: a keyword
            graph.add((node, DCAT.keyword, text(theme["label"], lang)))
    if metadata.get("publisher"):
        graph.add((node, DCT.publisher, agent_to_rdf(graph, metadata["publisher"], base_url)))
    contact = metadata.get("contactPoint")
    if contact and (contact.get("name") or contact.get("email")):
        graph.add((node, DCAT.contactPoint, contact_to_rdf(graph, contact)))
    licence = (metadata.get("license") or {}).get("uri")
    if licence:
        _typed(graph, node, DCT.license, licence, DCT.LicenseDocument)
    for territory in metadata.get("spatial") or []:
        _typed(graph, node, DCT.spatial, territory_uri(territory), DCT.Location)
        graph.add((URIRef(territory_uri(territory)), DCT.identifier, Literal(territory)))
    if metadata.get("extent"):
        graph.add((node, DCT.spatial, extent_to_rdf(graph, metadata["extent"])))
    temporal = metadata.get("temporal") or {}
    if temporal.get("start") or temporal.get("end"):
        period = BNode()
        graph.add((node, DCT.temporal, period))
        graph.add((period, RDF.type, DCT.PeriodOfTime))
        for key, predicate in (("start", DCAT.startDate), ("end", DCAT.endDate)):
            if temporal.get(key):
                graph.add((period, predicate, _dated(temporal[key])))
    frequency = (metadata.get("frequency") or {}).get("uri")
    if frequency:
        _typed(graph, node, DCT.accrualPeriodicity, frequency, DCT.Frequency)
    for key, predicate in (("issued", DCT.issued), ("modified", DCT.modified)):
        if metadata.get(key):
            graph.add((node, predicate, _dated(metadata[key])))
    if metadata.get("conformsTo"):
        _typed(graph, node, DCT.conformsTo, metadata["conformsTo"], DCT.Standard)
    _typed(graph, node, DCT.language, language_uri(lang), DCT.LinguisticSystem)
    page = metadata.get("landingPage") or f"{base_url}/datasets/{metadata['slug']}"
    _typed(graph, node, DCAT.landingPage, page, FOAF.Document)
    latest = metadata.get("latestVersion") or {}
    if latest.get("number"):
        graph.add((node, DCAT.version, Literal(str(latest["number"]))))
    for distribution in distributions:
        dist_node = URIRef(f"{node}/distributions/{distribution.format}")
        distribution_to_rdf(graph, dist_node, distribution, licence)
        graph.add((node, DCAT.distribution, dist_node))
    return node


def _text(graph: Graph, node: Node, predicate: URIRef) -> str | None:
    """The value of ``predicate``, preferring French, then untagged, then any language."""
    values = list(graph.objects(node, predicate))
    for wanted in ("fr", None):
        for value in values:
            if isinstance(value, Literal) and value.language == wanted:
                return str(value)
    return str(values[0]) if values else None


def _period(graph: Graph, node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for period in graph.objects(node, DCT.temporal):
        for key, predicate in (("temporalStart", DCAT.startDate), ("temporalEnd", DCAT.endDate)):
            value = graph.value(period, predicate)
            if value is not None:
                out[key] = str(value)[:10]
    return out


def _checked(meta: dict[str, Any], unmapped: dict[str, Any]) -> dict[str, Any]:
    """The changes ``edit_dataset`` will accept; a value its checks refuse (a remote
    catalogue's malformed e-mail, a SIREN failing Luhn) moves to ``unmapped`` instead of
    failing the whole dataset."""
    kept: dict[str, Any] = {}
    for key, value in meta.items():
        try:
            normalise_changes({key: value})
        except UserError:
            unmapped[key] = value
        else:
            kept[key] = value
    return kept


def dataset_from_rdf(graph: Graph, node: Node) -> RemoteDataset:
    """The dataset at ``node``: metadata changes (only what the catalogue gave, mapped to our
    vocabularies and passing our checks; a licence or frequency outside them, or a value
    the checks refuse, is left in ``unmapped``), its distributions and its schema URL."""
    meta: dict[str, Any] = {}
    unmapped: dict[str, Any] = {}
    title = _text(graph, node, DCT.title)
    meta["title"] = title
    description = _text(graph, node, DCT.description) or ""
    meta["description"] = "" if description == title else description
    keywords = sorted({str(k) for k in graph.objects(node, DCAT.keyword)})
    themes, theme_keywords = theme_ids(graph, node)
    meta["keywords"] = keywords + [k for k in theme_keywords if k not in keywords]
    meta["themes"] = themes
    for predicate, key, vocabulary in (
        (DCT.license, "license", LICENCES),
        (DCT.accrualPeriodicity, "frequency", FREQUENCIES),
    ):
        value = graph.value(node, predicate)
        if value is not None:
            term = vocabulary.get(str(value))
            if term is None:
                unmapped[key] = str(value)
            else:
                meta[key] = term.id
    spatial = [location_id(graph, place) for place in graph.objects(node, DCT.spatial)]
    meta["spatial"] = sorted(s for s in spatial if s)
    meta.update(_period(graph, node))
    contact = graph.value(node, DCAT.contactPoint)
    if contact is not None:
        point = contact_from_rdf(graph, contact)
        meta["contactName"], meta["contactEmail"] = point["name"], point["email"]
    page = graph.value(node, DCAT.landingPage)
    if page is not None:
        meta["landingPage"] = str(page)
    language = graph.value(node, DCT.language)
    if language is not None and language_of(str(language)):
        meta["language"] = language_of(str(language))
    publisher = graph.value(node, DCT.publisher)
    if publisher is not None:
        meta["publisher"] = agent_from_rdf(graph, publisher)
    distributions = [
        found
        for dist in graph.objects(node, DCAT.distribution)
        if (found := distribution_from_rdf(graph, dist)) is not None
    ]
    identifier = graph.value(node, DCT.identifier)
    conforms = graph.value(node, DCT.conformsTo)
    return RemoteDataset(
        remote_id=str(identifier if identifier is not None else node),
        metadata=_checked(meta, unmapped),
        distributions=sorted(distributions, key=lambda d: (d.format or "", d.url)),
        conforms_to=str(conforms) if conforms is not None else None,
        iri=str(node) if isinstance(node, URIRef) else None,
        unmapped=unmapped,
    )
