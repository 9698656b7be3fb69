"""A ``dcat:Distribution``: one downloadable file of a dataset, its format, size and hash."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from territoria.catalog.dcat.namespaces import DCAT, DCT, RDF, SPDX, XSD
from territoria.catalog.dcat.remote import RemoteDistribution
from territoria.catalog.dcat.terms import bare_media_type, file_type_uri, format_of, media_type_uri

SHA256 = SPDX.checksumAlgorithm_sha256
_ALGORITHMS = {SHA256: "sha256"}


def distribution_to_rdf(
    graph: Graph, node: URIRef, distribution: RemoteDistribution, license_uri: str | None
) -> URIRef:
    """``distribution`` at ``node``: access and download URL (the same file: our exports
    are direct downloads), EU file type, IANA media type, licence, and its size and SHA-256
    only when known (an export's bytes are not known before it is streamed)."""
    url = URIRef(distribution.url)
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    if distribution.title:
        graph.add((node, DCT.title, Literal(distribution.title)))
    fmt = distribution.format or ""
    file_type = file_type_uri(fmt)
    if file_type:
        graph.add((node, DCT.format, URIRef(file_type)))
        graph.add((URIRef(file_type), RDF.type, DCT.MediaTypeOrExtent))
    media = media_type_uri(fmt)
    if media:
        graph.add((node, DCAT.mediaType, URIRef(media)))
        graph.add((URIRef(media), RDF.type, DCT.MediaType))
    if license_uri:
        graph.add((node, DCT.license, URIRef(license_uri)))
        graph.add((URIRef(license_uri), RDF.type, DCT.LicenseDocument))
    if distribution.byte_size is not None:
        size = Literal(distribution.byte_size, datatype=XSD.nonNegativeInteger)
        graph.add((node, DCAT.byteSize, size))
    if distribution.checksum:
        checksum = BNode()
        graph.add((node, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SHA256))
        graph.add((SHA256, RDF.type, SPDX.ChecksumAlgorithm))
        value = Literal(distribution.checksum.lower(), datatype=XSD.hexBinary)
        graph.add((checksum, SPDX.checksumValue, value))
    return node


def _sha256(graph: Graph, node: Node) -> str | None:
    for checksum in graph.objects(node, SPDX.checksum):
        if graph.value(checksum, SPDX.algorithm) in _ALGORITHMS:
            value = graph.value(checksum, SPDX.checksumValue)
            if value is not None:
                return str(value).lower()
    return None


def _size(graph: Graph, node: Node) -> int | None:
    value = graph.value(node, DCAT.byteSize)
    try:
        return int(float(str(value))) if value is not None else None
    except ValueError:  # a remote catalogue's "12 Mo": no size rather than a wrong one
        return None


def distribution_from_rdf(graph: Graph, node: Node) -> RemoteDistribution | None:
    """The distribution at ``node`` (download URL, else access URL); None without a URL."""
    url = graph.value(node, DCAT.downloadURL) or graph.value(node, DCAT.accessURL)
    if url is None:
        return None
    file_type = graph.value(node, DCT.format)
    media = graph.value(node, DCAT.mediaType)
    title = graph.value(node, DCT.title)
    return RemoteDistribution(
        url=str(url),
        format=format_of(
            str(file_type) if file_type else None, str(media) if media else None, str(url)
        ),
        media_type=bare_media_type(str(media)) if media else None,
        byte_size=_size(graph, node),
        checksum=_sha256(graph, node),
        title=str(title) if title is not None else None,
    )
