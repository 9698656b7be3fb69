"""The URI tables of the DCAT export read both ways, and Hydra paging written and read."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from territoria.catalog.dcat.catalog import CatalogInfo, Page, catalog_to_rdf, next_page
from territoria.catalog.dcat.distribution import distribution_from_rdf
from territoria.catalog.dcat.namespaces import HYDRA, new_graph
from territoria.catalog.dcat.terms import (
    format_of,
    language_of,
    language_uri,
    territory_of,
    territory_uri,
)

INSEE = "http://id.insee.fr/geo/"
EU_FT = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.mark.parametrize(
    ("territory", "uri"),
    [
        ("commune:75056", INSEE + "commune/75056"),
        ("commune:2A004", INSEE + "commune/2A004"),
        ("departement:31", INSEE + "departement/31"),
        ("region:76", INSEE + "region/76"),
        ("epci:200046977", INSEE + "intercommunalite/200046977"),
        ("iris:751010101", INSEE + "iris/751010101"),
        ("pays:FR", "http://publications.europa.eu/resource/authority/country/FRA"),
    ],
)
def test_territories_are_insee_cog_uris(territory: str, uri: str) -> None:
    assert territory_uri(territory) == uri
    assert territory_uri(territory + "@2025") == uri
    assert territory_of(uri) == territory


@pytest.mark.parametrize(
    ("file_type", "media", "url", "expected"),
    [
        (EU_FT + "CSV", None, None, "csv"),
        (EU_FT + "PARQUET", None, None, "parquet"),
        (None, IANA + "application/geo+json", None, "geojson"),
        (None, "http://www.iana.org/assignments/media-types/text/csv", None, "csv"),
        ("CSV", None, None, "csv"),
        ("text/csv", None, None, "csv"),
        (None, "application/json; charset=utf-8", None, "json"),
        (None, None, "https://x.fr/files/budget.xlsx?v=2", "xlsx"),
        (None, None, "https://x.fr/api/explore/v2.1/catalog/datasets/a/exports/jsonl", "jsonl"),
        (None, None, "https://x.fr/page", None),
    ],
)  # fmt: skip
def test_formats_are_read_from_any_of_the_hints(
    file_type: str | None, media: str | None, url: str | None, expected: str | None
) -> None:
    assert format_of(file_type, media, url) == expected


def test_languages_use_the_eu_table() -> None:
    assert language_uri("fr") == "http://publications.europa.eu/resource/authority/language/FRA"
    assert language_of(language_uri("br")) == "br"
    assert language_of("fr") == "fr"
    assert language_of("http://publications.europa.eu/resource/authority/language/XXX") is None


def test_a_distribution_without_url_is_skipped_and_a_size_in_words_ignored() -> None:
    graph = Graph()
    lost, sized = URIRef("urn:a"), URIRef("urn:b")
    graph.add((lost, RDF.type, DCAT.Distribution))
    graph.add((sized, DCAT.accessURL, URIRef("https://x.fr/f.csv")))
    graph.add((sized, DCAT.byteSize, Literal("12 Mo")))
    assert distribution_from_rdf(graph, lost) is None
    found = distribution_from_rdf(graph, sized)
    assert found is not None and found.byte_size is None and found.format == "csv"


def _page(number: int, size: int, total: int) -> Graph:
    graph = new_graph()
    info = CatalogInfo("https://d.fr", "Catalogue", "Tout", "Ville")
    catalog_to_rdf(graph, info, [], Page(number, size, total, lambda n: f"https://d.fr/c?p={n}"))
    return graph


def _view(graph: Graph, name: str) -> str | None:
    [view] = graph.subjects(RDF.type, HYDRA.PartialCollectionView)
    value = graph.value(view, HYDRA[name])
    return None if value is None else str(value)


@pytest.mark.parametrize(
    ("number", "size", "total", "last", "nxt", "previous"),
    [
        (1, 10, 0, 1, None, None),
        (1, 10, 10, 1, None, None),
        (1, 10, 11, 2, 2, None),
        (2, 10, 11, 2, None, 1),
        (3, 10, 11, 2, None, 2),
        (9, 10, 11, 2, None, None),
    ],
)
def test_hydra_view(
    number: int, size: int, total: int, last: int, nxt: int | None, previous: int | None
) -> None:
    graph = _page(number, size, total)
    assert _view(graph, "first") == "https://d.fr/c?p=1"
    assert _view(graph, "last") == f"https://d.fr/c?p={last}"
    assert _view(graph, "next") == (None if nxt is None else f"https://d.fr/c?p={nxt}")
    assert _view(graph, "previous") == (
        None if previous is None else f"https://d.fr/c?p={previous}"
    )
    assert next_page(graph) == _view(graph, "next")
    [count] = graph.objects(None, HYDRA.totalItems)
    assert int(count) == total


def test_the_older_paged_collection_is_read_too() -> None:
    graph = Graph()
    page = URIRef("https://x.fr/catalog.rdf?page=1")
    graph.add((page, RDF.type, HYDRA.PagedCollection))
    graph.add((page, HYDRA.nextPage, Literal("https://x.fr/catalog.rdf?page=2")))
    graph.add((page, DCTERMS.title, Literal("x")))
    assert next_page(graph) == "https://x.fr/catalog.rdf?page=2"
