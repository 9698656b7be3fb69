"""A real uvicorn serving a real instance on a free loopback port, for integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from loopback_uvicorn import free_port, serve_app
from sample_ingest import ingest_sample

from territoria.api.app import create_app
from territoria.config import Settings
from territoria.services.instance import init_instance

__all__ = ["ADMIN_TOKEN", "build_instance", "client", "free_port", "serving"]

ADMIN_TOKEN = "test-admin-token"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
PUBLIC_FILES = (
    ("eau/fontaines-a-boire-paris-2021.csv", "fontaines-paris", None),
    ("dechets/trilib-paris-2018.csv", "trilib-paris", None),
    (
        "subventions/scdl-haute-garonne-datalocale-subvention.csv",
        "subventions-31",
        "scdl/subventions",
    ),
)
PRIVATE_FILE = ("prenoms/prenoms-naissance-carrieres-sous-poissy.csv", "prenoms-prive", None)


def build_instance(home: Path) -> Settings:
    """An instance with three public datasets of real files and one private one."""
    settings = Settings(home=home, admin_token=ADMIN_TOKEN)
    init_instance(settings).close()
    for file, slug, schema in PUBLIC_FILES:
        ingest_sample(settings, SAMPLES / file, slug, schema=schema)
    file, slug, schema = PRIVATE_FILE
    ingest_sample(
        settings, SAMPLES / file, slug, schema=schema, org="217801240", visibility="private"
    )
    return settings


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """Run uvicorn on a free loopback port in a thread; yields its base URL."""
    with serve_app(create_app(settings), start_seconds=20) as base:
        yield base


def client(base: str, *, admin: bool = False) -> httpx.Client:
    """An HTTP client on the live server, with the administrator's token when ``admin``."""
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"} if admin else {}
    return httpx.Client(base_url=base, headers=headers, timeout=60)
