"""Fixtures of the CKAN API tests: the real ckanapi client on the shared live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ckan_oracle import PUBLIC_URL
from ckanapi import RemoteCKAN
from live_server import ADMIN_TOKEN, SAMPLES
from sample_ingest import ingest_sample
from throwaway import Served, empty_instance, served

from territoria.security.actor import ADMIN
from territoria.services.metadata import edit_dataset


@pytest.fixture
def ckan(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi as an anonymous script uses it (POST with a JSON body)."""
    with RemoteCKAN(live_url) as client:
        yield client


@pytest.fixture
def ckan_get(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi in ``get_only`` mode (parameters in the query string)."""
    with RemoteCKAN(live_url, get_only=True) as client:
        yield client


@pytest.fixture
def ckan_admin(live_url: str) -> Iterator[RemoteCKAN]:
    """ckanapi with the administrator's key (sent bare in ``Authorization``)."""
    with RemoteCKAN(live_url, apikey=ADMIN_TOKEN) as client:
        yield client


MEASURES = "jour,valeur,actif,libelle\n" + "".join(
    f"2024-{m:02d}-{d:02d},{m * 10 + d / 4},{'true' if d % 2 else 'false'},relevé {m}-{d}\n"
    for m in range(1, 7)
    for d in (3, 14, 27)
)


MEASURES_METADATA = {
    "title": "Relevés mensuels",
    "description": "Des relevés, deux fois par mois.",
    "keywords": ["énergie", "relevés"],
    "themes": ["ENVI", "eau"],
    "license": "etalab-2.0",
    "frequency": "mensuel",
    "spatial": ["commune:75056"],
    "temporalStart": "2024-01-01",
    "temporalEnd": "2024-06-30",
    "contactName": "Service des eaux",
    "contactEmail": "eaux@example.fr",
    "landingPage": "https://example.fr/releves",
}


@pytest.fixture(scope="session")
def sql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An instance with datastore_search_sql on and a public URL: trilib, a dated file with
    full metadata, the same file private."""
    root = tmp_path_factory.mktemp("ckan-sql")
    settings = empty_instance(root / "home", ckan_datastore_sql=True, public_url=PUBLIC_URL)
    measures = root / "mesures.csv"
    measures.write_text(MEASURES, encoding="utf-8")
    files = [
        (SAMPLES / "dechets/trilib-paris-2018.csv", "trilib-paris", "public"),
        (measures, "mesures", "public"),
        (measures, "prenoms", "private"),
    ]
    for path, slug, visibility in files:
        ingest_sample(settings, path, slug, visibility=visibility)
    edit_dataset(settings, "mesures", MEASURES_METADATA, ADMIN)
    with served(settings) as server:
        yield server
