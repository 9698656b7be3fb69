"""Catalogue search and metadata edits answer the same on SQLite and PostgreSQL: the same
real files and edits on each backend give the same hits, scores, facets and metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN, ANONYMOUS
from territoria.services.catalogue import search_catalogue
from territoria.services.ingesting import ingest_file
from territoria.services.instance import init_instance
from territoria.services.metadata import edit_dataset

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
FILES = (
    ("dechets/trilib-paris-2018.csv", "trilib-paris", "public", {
        "title": "Stations Trilib' — Paris (2018)", "themes": ["dechets"], "license": "odbl",
        "description": "Tri des déchets ménagers.", "spatial": ["commune:75056"],
        "publisher": {"code": "217500016", "name": "Ville de Paris"},
    }),
    ("eau/fontaines-a-boire-paris-2021.csv", "fontaines-paris", "public", {
        "title": "Fontaines à boire — Paris", "themes": ["eau"], "keywords": ["eau potable"],
        "publisher": "217500016", "temporal": {"start": "2021-01-01", "end": "2021-12-31"},
    }),
    ("prenoms/prenoms-naissance-carrieres-sous-poissy.csv", "prenoms", "private", {
        "title": "Prénoms — déchets de saisie", "themes": ["population"],
    }),
)  # fmt: skip


def _answers(settings: Settings) -> list[Any]:
    init_instance(settings).close()
    edited = []
    for file, slug, visibility, metadata in FILES:
        ingest_file(SAMPLES / file, slug, schema_ref=None, org_code=None, quarantine=True,
                    options=ReadOptions(), settings=settings, visibility=visibility)  # fmt: skip
        meta = edit_dataset(settings, slug, metadata, ADMIN)
        edited.append({k: v for k, v in meta.items() if k not in _VOLATILE})
    out: list[Any] = [edited]
    for actor in (ANONYMOUS, ADMIN):
        for query in ("dechet", "eau potable", None):
            result = search_catalogue(settings, actor, q=query, sort=None)
            hits = [(i["slug"], i["score"]) for i in result.items]
            out.append((result.total, hits, result.facets))
    return out


_VOLATILE = {"identifier", "issued", "modified", "latestVersion"}  # instants and UUIDs


@pytest.mark.postgres
@pytest.mark.slow
def test_same_answers_on_sqlite_and_postgresql(postgres_url: str, tmp_path: Path) -> None:
    on_sqlite = _answers(Settings(home=tmp_path / "sqlite"))
    on_postgres = _answers(Settings(home=tmp_path / "pg", metadata_url=postgres_url))
    assert on_postgres == on_sqlite
    anonymous_dechet = on_sqlite[1]
    assert anonymous_dechet[0] == 1 and anonymous_dechet[1][0][0] == "trilib-paris"
    admin_dechet = on_sqlite[4]
    assert admin_dechet[0] == 2  # the private dataset, for the administrator only
