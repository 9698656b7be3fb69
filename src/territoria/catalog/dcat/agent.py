"""Publishers (``foaf:Agent`` with their SIREN) and contact points (``vcard:Kind``) in RDF.

A publisher's SIREN is its ``adms:identifier`` (an ``adms:Identifier`` whose notation is the
nine digits, issued by INSEE's SIRENE register), as DCAT-AP writes registered ids; the
agent's own ``dct:identifier`` is our organisation code, so both survive a round trip.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from territoria.catalog.dcat.namespaces import (
    ADMS,
    ADMS_PUBLISHER_TYPE,
    DCT,
    FOAF,
    RDF,
    SKOS,
    VCARD,
    text,
)
from territoria.catalog.dcat.terms import territory_of, territory_uri

SIRENE = "https://annuaire-entreprises.data.gouv.fr/entreprise/"
SIREN_SCHEME = URIRef("https://www.sirene.fr/")
# our organisation kinds → ADMS publisher types (every collectivité is a local authority)
PUBLISHER_TYPES = {k: "LocalAuthority" for k in ("commune", "epci", "departement", "region")}


def agent_to_rdf(graph: Graph, publisher: dict[str, Any], base_url: str) -> URIRef:
    """The publisher as a ``foaf:Agent`` (and ``foaf:Organization``) at
    ``{base}/organisations/{code}``: name, code, SIREN, kind and territory."""
    node = URIRef(f"{base_url}/organisations/{publisher['code']}")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, RDF.type, FOAF.Organization))
    graph.add((node, FOAF.name, text(publisher.get("name") or publisher["code"])))
    graph.add((node, DCT.identifier, Literal(publisher["code"])))
    kind = PUBLISHER_TYPES.get(publisher.get("kind") or "")
    if kind:
        kind_node = ADMS_PUBLISHER_TYPE[kind]
        graph.add((node, DCT.type, kind_node))
        graph.add((kind_node, RDF.type, SKOS.Concept))  # the shapes ask a concept's label
        graph.add((kind_node, SKOS.prefLabel, Literal("Autorité locale", lang="fr")))
        graph.add((kind_node, SKOS.prefLabel, Literal("Local Authority", lang="en")))
    siren = publisher.get("siren")
    if siren:
        identifier = BNode()
        graph.add((node, ADMS.identifier, identifier))
        graph.add((identifier, RDF.type, ADMS.Identifier))
        graph.add((identifier, SKOS.notation, Literal(siren, datatype=SIREN_SCHEME)))
        graph.add((identifier, DCT.creator, URIRef("https://www.insee.fr/")))
        graph.add((node, FOAF.homepage, URIRef(SIRENE + siren)))
    if publisher.get("territory"):  # its COG URI only: a vintage is the datasets' to say
        location = URIRef(territory_uri(publisher["territory"]))
        graph.add((node, DCT.spatial, location))
        graph.add((location, RDF.type, DCT.Location))
    return node


def _siren(graph: Graph, node: Node) -> str | None:
    """The SIREN among the agent's ``adms:identifier`` notations (nine digits)."""
    for identifier in graph.objects(node, ADMS.identifier):
        for notation in [*graph.objects(identifier, SKOS.notation), identifier]:
            digits = re.sub(r"\s", "", str(notation))
            if re.fullmatch(r"\d{9}", digits):
                return digits
    return None


def location_id(graph: Graph, location: Node) -> str | None:
    """Our ``level:code[@vintage]`` of a ``dct:Location``: its own identifier when it
    is one of ours, else read from its COG URI."""
    for literal in graph.objects(location, DCT.identifier):
        if re.fullmatch(r"[a-z]+:[0-9A-Za-z]+(@\d{4})?", str(literal)):
            return str(literal)
    return territory_of(str(location)) if isinstance(location, URIRef) else None


def agent_from_rdf(graph: Graph, node: Node) -> dict[str, Any]:
    """The publisher change ``{code, name, siren, territory}`` of a ``foaf:Agent``: the code
    is its ``dct:identifier``, else its SIREN, else the last segment of its IRI."""
    name = graph.value(node, FOAF.name) or graph.value(node, SKOS.prefLabel)
    siren = _siren(graph, node)
    given = graph.value(node, DCT.identifier)
    tail = str(node).rstrip("/").rsplit("/", 1)[-1] if isinstance(node, URIRef) else ""
    code = str(given) if given is not None else siren or tail or str(name or "")
    territory = None
    for location in graph.objects(node, DCT.spatial):
        territory = territory or territory_of(str(location))
    return {
        "code": code[:30],
        "name": str(name) if name is not None else None,
        "siren": siren,
        "territory": territory,
    }


def contact_to_rdf(graph: Graph, contact: dict[str, Any]) -> BNode:
    """A ``vcard:Kind`` with the contact's name (``vcard:fn``) and ``mailto:`` e-mail."""
    node = BNode()
    graph.add((node, RDF.type, VCARD.Kind))
    if contact.get("name"):
        graph.add((node, VCARD.fn, text(contact["name"])))
    if contact.get("email"):
        graph.add((node, VCARD.hasEmail, URIRef("mailto:" + contact["email"])))
    return node


def contact_from_rdf(graph: Graph, node: Node) -> dict[str, str | None]:
    """``{name, email}`` of a contact point (``vcard:hasEmail``, or ``vcard:email``)."""
    name = graph.value(node, VCARD.fn) or graph.value(node, VCARD["organization-name"])
    email = graph.value(node, VCARD.hasEmail) or graph.value(node, VCARD.email)
    return {
        "name": str(name) if name is not None else None,
        "email": str(email).removeprefix("mailto:").strip() if email is not None else None,
    }
