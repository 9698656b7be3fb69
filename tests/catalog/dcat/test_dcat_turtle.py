"""Our Turtle writer says the same graph as rdflib's, with the bound prefixes only."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from territoria.catalog.dcat import turtle
from territoria.catalog.dcat.namespaces import DCAT, DCT, RDF, new_graph


def test_same_graph_as_rdflib_with_awkward_iris() -> None:
    graph = new_graph()
    for i, tail in enumerate(("plain", "a(b)", "ends.", "50%", "é-accent", "", "x#frag")):
        node = URIRef(f"https://d.fr/datasets/{i}/{tail}")
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCT.title, Literal(f"Jeu « {tail} »", lang="fr")))
        graph.add((node, DCAT.keyword, Literal('guillemets " et \\ barre')))
        period = BNode()
        graph.add((node, DCT.temporal, period))
        graph.add((period, DCAT.startDate, Literal("2020-01-01")))
        graph.add((node, URIRef(DCAT + "odd(local)"), Literal(i)))
    ours = graph.serialize(format=turtle.FORMAT)
    assert "@prefix dcat:" in ours and "dcat:Dataset" in ours and "ns1:" not in ours
    assert isomorphic(Graph().parse(data=ours, format="turtle"), graph)
    theirs = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(Graph().parse(data=ours, format="turtle"), theirs)
