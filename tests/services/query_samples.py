"""The instance of the query service tests: generated and real datasets, one private."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sample_ingest import ingest_sample

from territoria.config import Settings
from territoria.security.actor import ADMIN
from territoria.services.instance import init_instance, open_instance
from territoria.services.querying import QueryService, VersionHandle

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SAMPLES = ROOT / "tests" / "data" / "samples"
GENERATED_ROWS = 30_000


@pytest.fixture(scope="session")
def query_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An instance holding ``dechets`` (30,000 rows of bench/gen_data.py, public),
    ``fontaines`` (a real file with geo fields, public) and ``prive`` (private)."""
    home = tmp_path_factory.mktemp("query") / "home"
    settings = Settings(home=home)
    init_instance(settings).close()
    data = home.parent / "dechets.csv"
    generate = [sys.executable, str(BENCH / "gen_data.py"), str(data), str(GENERATED_ROWS)]
    subprocess.run([*generate, "--error-rate", "0"], check=True)
    for path, slug, schema, visibility in (
        (data, "dechets", str(BENCH / "schema.json"), None),
        (SAMPLES / "eau" / "fontaines-a-boire-paris-2021.csv", "fontaines", None, None),
        (SAMPLES / "dechets" / "trilib-paris-2018.csv", "prive", None, "private"),
    ):
        ingest_sample(settings, path, slug, schema=schema, org=None, visibility=visibility)
    return home


@contextmanager
def opened_version(home: Path, slug: str) -> Iterator[tuple[QueryService, VersionHandle]]:
    """A query service without results cache (every answer computed) and its handle of
    ``slug``'s latest version, as the administrator sees it; both closed on leaving."""
    instance = open_instance(Settings(home=home))
    service = QueryService(Settings(home=home, query_cache_entries=0))
    try:
        with instance.session() as session:
            handle = service.open_version(instance, session, slug, ADMIN)
        yield service, handle
    finally:
        service.close()
        instance.close()
