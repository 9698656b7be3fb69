"""A catalogue with every optional DCAT-AP field filled: it passes the official shapes, and
``catalog_from_rdf`` reads back exactly the metadata that was written, through HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dcat_shapes import fetch, violations
from live_server import SAMPLES
from rdflib import URIRef
from throwaway import Served, empty_instance, served

from territoria.catalog.changes import normalise_changes
from territoria.catalog.dcat.catalog import catalog_from_rdf
from territoria.catalog.dcat.dataset import dataset_to_rdf
from territoria.catalog.dcat.namespaces import new_graph
from territoria.catalog.dcat.remote import RemoteDistribution
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN
from territoria.services.ingesting import ingest_file
from territoria.services.metadata import edit_dataset, metadata_of

CHANGES: dict[str, Any] = {
    "title": "Fontaines à boire de Paris",
    "description": "Les fontaines d'eau potable de l'espace public parisien.",
    "keywords": ["fontaine", "eau potable", "espace public"],
    "themes": ["eau", "HEAL"],
    "license": "odbl-1.0",
    "frequency": "ANNUAL",
    "spatial": ["commune:75056@2025", "departement:75", "pays:FR"],
    "temporalStart": "2021-01-01",
    "temporalEnd": "2021-12-31",
    "contactName": "Service de l'eau",
    "contactEmail": "eau@paris.fr",
    "landingPage": "https://opendata.paris.fr/explore/dataset/fontaines-a-boire/",
    "language": "fr",
    "publisher": {
        "code": "217500016",
        "name": "Ville de Paris",
        "siren": "217500016",
        "territory": "commune:75056",
    },
}


def canonical(changes: dict[str, Any]) -> dict[str, Any]:
    """Checked column values, lists sorted (RDF keeps no order)."""
    values = normalise_changes(changes)
    return {k: sorted(v) if isinstance(v, list) else v for k, v in values.items()}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    settings = empty_instance(tmp_path_factory.mktemp("dcat-full") / "home")
    ingest_file(
        SAMPLES / "eau/fontaines-a-boire-paris-2021.csv",
        "fontaines",
        schema_ref="fontaine-eau",
        org_code="217500016",
        quarantine=True,
        options=ReadOptions(),
        settings=settings,
    )
    edit_dataset(settings, "fontaines", CHANGES, ADMIN)
    with served(settings) as server:
        yield server


def test_every_optional_field_passes_the_official_shapes(full: Served) -> None:
    with full.anon() as http:
        graph = fetch(http, "/catalog.ttl")[1]
    assert violations(graph) == []


def test_the_catalogue_reads_back_as_it_was_written(full: Served) -> None:
    with full.anon() as http:
        graph = fetch(http, "/catalog.rdf")[1]
        ods = http.get("/api/explore/v2.1/catalog/datasets/fontaines").json()
    [remote] = catalog_from_rdf(graph)
    metadata = metadata_of(full.settings, "fontaines", ADMIN)
    assert remote.remote_id == metadata["identifier"]
    assert canonical(remote.metadata) == canonical(CHANGES)
    assert remote.unmapped == {}
    assert remote.conforms_to == metadata["conformsTo"]
    assert remote.conforms_to and remote.conforms_to.startswith("https://schema.data.gouv.fr/")
    formats = {d.format: d for d in remote.distributions}
    geo = {"geojson"} if "geo" in ods["features"] else set()  # GeoJSON needs a geo field
    assert set(formats) == {"csv", "parquet", "json", "xlsx", "jsonl"} | geo
    exports = f"{full.url}/api/explore/v2.1/catalog/datasets/fontaines/exports"
    assert formats["csv"].url == f"{exports}/csv"
    assert formats["csv"].media_type == "text/csv"
    assert formats["parquet"].media_type == "application/vnd.apache.parquet"


def test_a_public_url_makes_every_link_absolute_under_it(tmp_path: Path) -> None:
    settings = empty_instance(tmp_path / "home", public_url="https://data.example.fr")
    ingest_file(
        SAMPLES / "dechets/trilib-paris-2018.csv",
        "trilib",
        schema_ref=None,
        org_code=None,
        options=ReadOptions(),
        quarantine=True,
        settings=settings,
    )
    with served(settings) as server, server.anon() as http:
        graph = fetch(http, "/catalog.ttl")[1]
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    ours = {i for i in iris if "127.0.0.1" in i or "data.example.fr" in i}
    assert ours and all(i.startswith("https://data.example.fr/") for i in ours)


def test_sizes_and_checksums_pass_the_shapes_and_read_back() -> None:
    """A distribution whose bytes are known (a harvested file) carries byteSize and its
    SHA-256 (``spdx:checksum``), as the shapes type them."""
    graph = new_graph()
    metadata = {
        "identifier": "0b0e5f0e-8a4c-4d1e-9a57-4a0c1b2b3c4d",
        "slug": "budget",
        "title": "Budget primitif",
        "license": {
            "id": "etalab-2.0",
            "uri": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        },
        "language": "fr",
    }
    file = RemoteDistribution(
        url="https://data.example.fr/files/budget.csv",
        format="csv",
        byte_size=123_456,
        checksum="9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        title="budget.csv",
    )
    dataset_to_rdf(graph, metadata, "https://data.example.fr", [file])
    assert violations(graph) == []
    [remote] = catalog_from_rdf(graph)
    [read] = remote.distributions
    assert read.byte_size == 123_456
    assert read.checksum == file.checksum.lower()  # type: ignore[union-attr]
    assert read.format == "csv" and read.media_type == "text/csv"
    assert remote.metadata["license"] == "etalab-2.0"
