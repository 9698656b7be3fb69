"""The DCAT-AP catalogue of the shared live instance: serialisations, content negotiation,
pySHACL with the official shapes, visibility, Hydra paging and the Opendatasoft path.

Expected datasets and their order come from hand-written SQL on the catalogue database.
"""

from __future__ import annotations

import csv
import json
import sqlite3

import httpx
import pytest
from dcat_shapes import fetch, violations
from fastapi import FastAPI
from live_server import SAMPLES
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF

from territoria.api import dcat
from territoria.config import Settings

# rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
HYDRA = "http://www.w3.org/ns/hydra/core#"
ODS_DCAT = "/api/explore/v2.1/catalog/exports/dcat"
ALL = {"page_size": 500}


def sql(settings: Settings, query: str) -> list[tuple[object, ...]]:
    """Rows of ``query`` on the instance's SQLite catalogue (the oracle)."""
    path = settings.catalog_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


ORDERED = """
    SELECT d.identifier, d.slug FROM dataset d
    LEFT JOIN (SELECT dataset_id, MIN(created_at) AS first FROM version GROUP BY dataset_id) v
      ON v.dataset_id = d.id
    WHERE {where} ORDER BY COALESCE(v.first, d.created_at), d.identifier
"""


def identifiers(graph: Graph) -> list[str]:
    """The ``dct:identifier`` of each dataset of ``graph``, in the catalogue's listing."""
    return sorted(str(graph.value(d, DCTERMS.identifier)) for d in datasets(graph))


def datasets(graph: Graph) -> list[URIRef]:
    return [d for d in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(d, URIRef)]


def hydra(graph: Graph, name: str) -> str | None:
    [view] = graph.subjects(RDF.type, URIRef(HYDRA + "PartialCollectionView"))
    value = graph.value(view, URIRef(HYDRA + name))
    return None if value is None else str(value)


def without_view(graph: Graph) -> Graph:
    """``graph`` without its Hydra view, whose IRIs name the path asked (``/catalog.rdf``)."""
    out = Graph()
    views = set(graph.subjects(RDF.type, URIRef(HYDRA + "PartialCollectionView")))
    for triple in graph:
        if triple[0] not in views and triple[2] not in views:
            out.add(triple)
    return out


def total(graph: Graph) -> int:
    [value] = graph.objects(None, URIRef(HYDRA + "totalItems"))
    assert isinstance(value, Literal)
    return int(value)


@pytest.fixture(scope="module")
def turtle(live_url: str) -> Graph:
    with httpx.Client(base_url=live_url) as http:
        return fetch(http, "/catalog.ttl", **ALL)[1]


@pytest.mark.parametrize(
    ("path", "accept", "media"),
    [
        ("/catalog.ttl", None, "text/turtle"),
        ("/catalog.rdf", None, "application/rdf+xml"),
        ("/catalog.jsonld", None, "application/ld+json"),
        ("/catalog", None, "text/turtle"),
        ("/catalog", "*/*", "text/turtle"),
        ("/catalog", "text/html,application/xhtml+xml,*/*;q=0.8", "text/turtle"),
        ("/catalog", "application/rdf+xml", "application/rdf+xml"),
        ("/catalog", "application/ld+json", "application/ld+json"),
        ("/catalog", "text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("/catalog", "application/rdf+xml, text/turtle", "application/rdf+xml"),
        (ODS_DCAT, None, "application/rdf+xml"),
        (ODS_DCAT, "text/turtle", "text/turtle"),
        ("/api/explore/v2.1/catalog/exports/ttl", None, "text/turtle"),
        ("/api/explore/v2.1/catalog/exports/rdf", None, "application/rdf+xml"),
    ],
)
def test_every_serialisation_is_the_same_graph(
    anon: httpx.Client, turtle: Graph, path: str, accept: str | None, media: str
) -> None:
    anon.headers.pop("accept", None)
    if accept is not None:
        anon.headers["accept"] = accept
    response, graph = fetch(anon, path, **ALL)
    assert response.headers["content-type"].split(";")[0] == media
    assert "accept" in response.headers["vary"].lower()
    assert len(graph) > 100
    assert isomorphic(without_view(graph), without_view(turtle))
    assert hydra(graph, "first") == f"{anon.base_url}{path}?page=1&page_size=500"


def test_head_names_the_format_as_udata_guesses_it(anon: httpx.Client) -> None:
    """data.gouv.fr's harvester reads the format of a suffix-less URL from a HEAD."""
    response = anon.head("/catalog")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.content == b""


def test_the_live_catalogue_passes_the_official_shapes(turtle: Graph) -> None:
    assert violations(turtle) == []


def test_a_private_dataset_is_neither_listed_nor_counted(
    anon: httpx.Client, live_settings: Settings, turtle: Graph
) -> None:
    public = sql(live_settings, ORDERED.format(where="d.visibility = 'public'"))
    assert identifiers(turtle) == sorted(str(i) for i, _ in public)
    assert total(turtle) == len(public)
    private = sql(live_settings, "SELECT identifier, slug FROM dataset WHERE visibility='private'")
    assert private, "the shared instance has a private dataset"
    text = anon.get("/catalog.ttl", params=ALL).text + anon.get(ODS_DCAT, params=ALL).text
    for identifier, slug in private:
        assert str(identifier) not in text and str(slug) not in text


def test_the_administrator_sees_private_datasets_too(
    admin: httpx.Client, live_settings: Settings
) -> None:
    every = sql(live_settings, ORDERED.format(where="1 = 1"))
    graph = fetch(admin, "/catalog.ttl", **ALL)[1]
    assert identifiers(graph) == sorted(str(i) for i, _ in every)
    assert total(graph) == len(every)


def test_pages_walk_the_catalogue_in_a_stable_order(
    anon: httpx.Client, live_settings: Settings
) -> None:
    expected = [
        str(i) for i, _ in sql(live_settings, ORDERED.format(where="d.visibility='public'"))
    ]
    seen: list[str] = []
    url: str | None = f"{anon.base_url}/catalog.ttl?page=1&page_size=1"
    pages = 0
    while url is not None:
        response = anon.get(url)
        graph = Graph().parse(data=response.content, format="turtle")
        pages += 1
        assert total(graph) == len(expected)
        assert hydra(graph, "first") == f"{anon.base_url}/catalog.ttl?page=1&page_size=1"
        assert (
            hydra(graph, "last") == f"{anon.base_url}/catalog.ttl?page={len(expected)}&page_size=1"
        )
        seen += identifiers(graph)
        url = hydra(graph, "next")
    assert pages == len(expected)
    assert seen == expected


def test_page_sizes_split_the_catalogue(anon: httpx.Client, live_settings: Settings) -> None:
    count = len(sql(live_settings, "SELECT id FROM dataset WHERE visibility='public'"))
    first = fetch(anon, "/catalog.ttl", page=1, page_size=2)[1]
    second = fetch(anon, "/catalog.ttl", page=2, page_size=2)[1]
    assert len(identifiers(first)) == min(2, count)
    assert len(identifiers(second)) == max(0, min(2, count - 2))
    assert not set(identifiers(first)) & set(identifiers(second))
    assert hydra(second, "previous") is not None and hydra(first, "previous") is None


def test_a_page_beyond_the_last_is_empty(anon: httpx.Client, live_settings: Settings) -> None:
    count = len(sql(live_settings, "SELECT id FROM dataset WHERE visibility='public'"))
    graph = fetch(anon, "/catalog.ttl", page=count + 5, page_size=1)[1]
    assert identifiers(graph) == []
    assert total(graph) == count
    assert hydra(graph, "next") is None
    assert hydra(graph, "last") == f"{anon.base_url}/catalog.ttl?page={count}&page_size=1"


@pytest.mark.parametrize(
    "params",
    [{"page": 0}, {"page": 10**18}, {"page_size": 0}, {"page_size": 501}, {"page": -3}],
)
def test_bad_paging_is_refused(anon: httpx.Client, params: dict[str, int]) -> None:
    response = anon.get("/catalog.ttl", params=params)
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid-parameter"
    assert "page" in response.json()["message"]


def test_the_ods_path_answers_in_its_error_shape(anon: httpx.Client) -> None:
    response = anon.get(ODS_DCAT, params={"page": 0})
    assert response.status_code == 400
    assert set(response.json()) >= {"error_code", "message"}


def test_every_public_dataset_has_a_downloadable_csv(
    anon: httpx.Client, live_settings: Settings, turtle: Graph
) -> None:
    """What data.gouv.fr's harvest of the catalogue yields: a resource that downloads."""
    rows = {str(i): r for i, r in sql(live_settings, """
        SELECT d.identifier, v.row_count FROM dataset d JOIN version v ON v.dataset_id = d.id
        WHERE d.visibility = 'public' AND v.number = (
            SELECT MAX(number) FROM version WHERE dataset_id = d.id)""")}  # fmt: skip
    assert rows
    for node in datasets(turtle):
        identifier = str(turtle.value(node, DCTERMS.identifier))
        csv = [
            turtle.value(dist, DCAT.downloadURL)
            for dist in turtle.objects(node, DCAT.distribution)
            if str(turtle.value(dist, DCTERMS.format)).endswith("/CSV")
        ]
        assert len(csv) == 1
        slug = str(csv[0]).split("/datasets/")[1].split("/")[0]
        ods = anon.get(f"/api/explore/v2.1/catalog/datasets/{slug}").json()
        formats = {str(turtle.value(d, DCTERMS.format)).rsplit("/", 1)[-1]
                   for d in turtle.objects(node, DCAT.distribution)}  # fmt: skip
        assert ("GEOJSON" in formats) == ("geo" in ods["features"])
        response = anon.get(str(csv[0]))
        assert response.status_code == 200
        lines = response.content.decode("utf-8-sig").strip().splitlines()
        assert len(lines) - 1 == rows[identifier]  # header + every row (no multi-line cells)


def test_a_dataset_with_points_carries_their_bounding_box(turtle: Graph) -> None:
    """The fountains' box, against the points of the source file read by the csv module."""
    path = SAMPLES / "eau/fontaines-a-boire-paris-2021.csv"
    with path.open(encoding="utf-8") as file:
        points = [r["geo_point_2d"].split(",") for r in csv.DictReader(file, delimiter=";")]
    lats = [float(lat) for lat, _ in points]
    lons = [float(lon) for _, lon in points]
    [node] = [n for n in datasets(turtle) if str(turtle.value(n, DCAT.landingPage)).endswith(
        "/datasets/fontaines-paris")]  # fmt: skip
    boxes = [b for s in turtle.objects(node, DCTERMS.spatial) if (b := turtle.value(s, DCAT.bbox))]
    [box] = boxes
    [ring] = json.loads(str(box))["coordinates"]
    west, south = ring[0]
    east, north = ring[2]
    assert (west, south, east, north) == pytest.approx((min(lons), min(lats), max(lons), max(lats)))
    others = [n for n in datasets(turtle) if n != node]
    assert not [s for n in others for s in turtle.objects(n, DCTERMS.spatial)]  # no points


def test_the_openapi_document_names_each_dcat_path_once() -> None:
    """GET and HEAD share a path, not an operation id (FastAPI warns, pytest fails)."""
    app = FastAPI()
    app.include_router(dcat.router)
    spec = app.openapi()
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids)) == 7
    assert set(spec["paths"]) >= {"/catalog", "/catalog.ttl", ODS_DCAT}
