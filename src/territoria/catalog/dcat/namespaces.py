"""The RDF namespaces of DCAT-AP and the EU authority tables, bound once for every graph."""

from __future__ import annotations

import re

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

ADMS = Namespace("http://www.w3.org/ns/adms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # open: DCAT 3 terms (dcat:version) too
DCATAP = Namespace("http://data.europa.eu/r5r/")
DCT = DCTERMS
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")

EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
EU_FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
IANA_MEDIA = Namespace("https://www.iana.org/assignments/media-types/")
ADMS_PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
INSEE_GEO = Namespace("http://id.insee.fr/geo/")

PREFIXES = {
    "adms": ADMS,
    "dcat": DCAT,
    "dcatap": DCATAP,
    "dct": DCT,
    "foaf": FOAF,
    "hydra": HYDRA,
    "locn": LOCN,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "spdx": SPDX,
    "vcard": VCARD,
    "xsd": XSD,
    "gsp": GSP,
}

__all__ = ["DCT", "FOAF", "RDF", "RDFS", "SKOS", "XSD", "new_graph"]


# what XML 1.0 cannot carry: RDF/XML would fail on a title holding one, so texts drop them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text(value: str, lang: str | None = None) -> Literal:
    """A text literal every serialisation can write (characters XML refuses removed)."""
    return Literal(_NOT_XML.sub("", value), lang=lang)


def new_graph() -> Graph:
    """An empty graph with DCAT-AP's usual prefixes, so Turtle reads as the profile's examples."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
