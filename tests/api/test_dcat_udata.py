"""data.gouv.fr's harvest of our catalogue: what udata's DCAT mapping needs, and udata itself.

``udata`` (PyPI) needs MongoDB, Redis and Flask; its code runs here with mongomock in place
of MongoDB, in a virtualenv of its own (476 MB, not a dependency of ours):
``python -m venv /tmp/udata-venv && /tmp/udata-venv/bin/pip install udata mongomock``, then
``TERRITORIA_UDATA_PYTHON=/tmp/udata-venv/bin/python``. Without it, the first tests still
check the properties udata's ``dataset_from_rdf`` reads, as its code reads them.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

from territoria.security.actor import ADMIN
from territoria.services.metadata import edit_dataset

VCARD = "http://www.w3.org/2006/vcard/ns#"
UDATA_PYTHON = os.environ.get("TERRITORIA_UDATA_PYTHON")
HARVEST_SCRIPT = Path(__file__).with_name("udata_harvest.py")
# udata.rdf.ACCEPTED_MIME_TYPES: what its harvester recognises in a HEAD's Content-Type
UDATA_MIME_TYPES = ("application/rdf+xml", "text/turtle", "application/ld+json")
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
IANA = "https://www.iana.org/assignments/media-types/"  # udata.rdf.IANAFORMAT
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EDIT = {
    "keywords": ["subventions", "associations"],
    "themes": ["subventions"],
    "license": "etalab-2.0",
    "frequency": "ANNUAL",
    "temporalStart": "2020-01-01",
    "temporalEnd": "2020-12-31",
    "contactName": "Service open data",
    "contactEmail": "data@example.fr",
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A served copy of the shared instance's datasets, one of them fully described."""
    from live_server import build_instance
    from throwaway import served

    settings = build_instance(tmp_path_factory.mktemp("udata") / "home")
    edit_dataset(settings, "subventions-31", EDIT, ADMIN)
    with served(settings) as server:
        yield server


def test_the_properties_udata_reads_are_there(edited) -> None:  # type: ignore[no-untyped-def]
    with edited.anon() as http:
        head = http.head("/catalog")
        graph = Graph().parse(data=http.get("/catalog.ttl").content, format="turtle")
    assert head.headers["content-type"].split(";")[0] in UDATA_MIME_TYPES
    nodes = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(nodes) == 3
    for node in nodes:
        assert isinstance(node, URIRef)  # udata keys the harvested dataset on its IRI too
        assert graph.value(node, DCTERMS.identifier) is not None  # remote_id
        assert graph.value(node, DCTERMS.title) is not None  # else HarvestSkipException
        assert isinstance(graph.value(node, DCAT.landingPage), URIRef)  # remote_url
        distributions = list(graph.objects(node, DCAT.distribution))
        assert distributions
        for dist in distributions:
            assert isinstance(graph.value(dist, DCAT.downloadURL), URIRef)
            fmt, media = graph.value(dist, DCTERMS.format), graph.value(dist, DCAT.mediaType)
            assert fmt is None or str(fmt).startswith(EU_FILE_TYPE)  # format: its last part
            assert media is None or str(media).startswith(IANA)  # mime: its last two parts
    [full] = [n for n in nodes if "subventions-31" in str(graph.value(n, DCAT.landingPage))]
    assert str(graph.value(full, DCTERMS.accrualPeriodicity)) == EU_FREQUENCY + "ANNUAL"
    period = graph.value(full, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) is not None  # temporal_from_resource
    contact = graph.value(full, DCAT.contactPoint)
    assert str(graph.value(contact, URIRef(VCARD + "hasEmail"))) == "mailto:data@example.fr"
    labels = {str(graph.value(t, SKOS.prefLabel)) for t in graph.objects(full, DCAT.theme)}
    assert labels  # theme_labels_from_rdf makes tags of the themes' prefLabel
    assert str(graph.value(full, DCTERMS.conformsTo)).startswith("https://schema.data.gouv.fr/")


@pytest.mark.slow
@pytest.mark.skipif(UDATA_PYTHON is None, reason="TERRITORIA_UDATA_PYTHON is not set")
def test_udata_harvests_every_public_dataset_with_a_download(edited) -> None:  # type: ignore[no-untyped-def]
    url = f"{edited.url}/catalog?page_size=2"  # no suffix: udata asks the format by HEAD
    done = subprocess.run(
        [str(UDATA_PYTHON), str(HARVEST_SCRIPT), url],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=HARVEST_SCRIPT.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["status"] == "done", [i for i in report["items"] if i["status"] != "done"]
    assert not [i for i in report["items"] if i["status"] == "failed"], report["items"]
    harvested = {d["remote_url"].rsplit("/", 1)[-1]: d for d in report["datasets"]}
    assert set(harvested) == {"fontaines-paris", "trilib-paris", "subventions-31"}
    with httpx.Client(base_url=edited.url) as http:
        for dataset in harvested.values():
            csv = [r for r in dataset["resources"] if r["format"] == "csv"]
            assert csv and csv[0]["mime"] == "text/csv"
            assert http.get(csv[0]["url"]).status_code == 200
    full = harvested["subventions-31"]
    assert full["license"] == "lov2"  # data.gouv.fr's id of Licence Ouverte 2.0
    assert full["frequency"] == "annual"
    assert full["temporal"] == ["2020-01-01", "2020-12-31"]
    assert {"subventions", "associations"} <= set(full["tags"])
    assert full["schema"].startswith("https://schema.data.gouv.fr/schemas/scdl/subventions/")
    fountains = harvested["fontaines-paris"]["spatial"]  # our box, read as its coverage
    assert fountains is not None and fountains["type"] == "MultiPolygon"
