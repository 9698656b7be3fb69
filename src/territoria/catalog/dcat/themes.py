"""Themes in RDF: an EU data theme as it is, one of our verticals beside the EU theme it narrows."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from territoria.catalog.dcat.namespaces import DCAT, RDF, SKOS
from territoria.catalog.vocabularies.themes import EU_THEME, OUR_THEME, THEMES

EU_THEME_SCHEME = URIRef(EU_THEME.rstrip("/"))
OUR_THEME_SCHEME = URIRef(OUR_THEME.rstrip(":"))


def _concept(graph: Graph, uri: str, label: str, label_en: str, scheme: URIRef) -> URIRef:
    concept = URIRef(uri)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((concept, SKOS.prefLabel, Literal(label, lang="fr")))
    graph.add((concept, SKOS.prefLabel, Literal(label_en, lang="en")))
    return concept


def theme_to_rdf(graph: Graph, dataset: Node, theme: dict[str, Any]) -> bool:
    """Add ``theme`` (the metadata dict's ``{id, label, labelEn, uri}``) as ``dcat:theme``,
    with its EU parent for one of our verticals; False for a theme without a URI."""
    term = THEMES.get(theme["id"]) if theme.get("uri") else None
    if term is None:
        return False
    scheme = OUR_THEME_SCHEME if term.broader else EU_THEME_SCHEME
    concept = _concept(graph, term.uri, term.label_fr, term.label_en, scheme)
    graph.add((dataset, DCAT.theme, concept))
    if term.broader:
        parent = THEMES.get(term.broader)
        if parent is not None:
            eu = _concept(graph, parent.uri, parent.label_fr, parent.label_en, EU_THEME_SCHEME)
            graph.add((concept, SKOS.broader, eu))
            graph.add((dataset, DCAT.theme, eu))
    return True


def theme_ids(graph: Graph, dataset: Node) -> tuple[list[str], list[str]]:
    """Our theme ids for the dataset's ``dcat:theme``s (EU themes implied by one of our
    verticals dropped), and the labels of themes outside our vocabulary, to keep as keywords."""
    ids: list[str] = []
    others: list[str] = []
    for theme in graph.objects(dataset, DCAT.theme):
        term = THEMES.get(str(theme))
        if term is not None:
            ids.append(term.id)
            continue
        label = graph.value(theme, SKOS.prefLabel) if isinstance(theme, URIRef) else theme
        if label is not None:
            others.append(str(label))
    implied = {t.broader for t in THEMES.terms if t.id in ids and t.broader}
    kept = [i for i in ids if (term := THEMES.get(i)) is not None and term.uri not in implied]
    return sorted(set(kept)), sorted(set(others))
