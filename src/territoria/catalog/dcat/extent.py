"""A bounding box as a ``dct:Location``: ``dcat:bbox`` in GeoJSON, ``locn:geometry`` in WKT.

DCAT-AP 3 leaves ``dcat:bbox``'s encoding open (WKT or GeoJSON): GeoJSON, with IANA's
``vnd.geo+json`` datatype, is what data.gouv.fr's harvester reads from a location's
literals. The same box as a ``locn:Geometry`` node with its GeoSPARQL WKT serves GeoDCAT-AP
readers (the shapes want ``locn:geometry`` to be such a node, not a literal).
"""

from __future__ import annotations

import json

from rdflib import BNode, Graph, Literal, URIRef

from territoria.catalog.dcat.namespaces import DCAT, DCT, GSP, LOCN, RDF

GEOJSON = URIRef("https://www.iana.org/assignments/media-types/application/vnd.geo+json")


def extent_to_rdf(graph: Graph, extent: tuple[float, float, float, float]) -> BNode:
    """The box (west, south, east, north, WGS 84 degrees) as a typed ``dct:Location``."""
    west, south, east, north = extent
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    wkt = "POLYGON((" + ", ".join(f"{x} {y}" for x, y in ring) + "))"
    node = BNode()
    graph.add((node, RDF.type, DCT.Location))
    geojson = json.dumps({"type": "Polygon", "coordinates": [ring]})
    graph.add((node, DCAT.bbox, Literal(geojson, datatype=GEOJSON)))
    geometry = BNode()
    graph.add((node, LOCN.geometry, geometry))
    graph.add((geometry, RDF.type, LOCN.Geometry))
    graph.add((geometry, GSP.asWKT, Literal(wkt, datatype=GSP.wktLiteral)))
    return node
