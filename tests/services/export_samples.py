"""Real sample files ingested once for the export tests: their versions, fields, a connection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sample_ingest import ingest_sample

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.query.fields import QueryField, fields_for
from territoria.services.instance import init_instance, open_instance

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
EXPORT_SAMPLES = (
    ("eau/fontaines-a-boire-paris-2021.csv", "fontaines", None),
    ("dechets/trilib-paris-2018.csv", "trilib", None),
    ("subventions/scdl-poitiers-subventions-associations-2017.csv", "subventions", None),
)


@dataclass(frozen=True)
class Stored:
    """One ingested version: its Parquet file and its query fields."""

    source: Path
    fields: list[QueryField]


@dataclass(frozen=True)
class ExportInstance:
    """An instance holding the export samples."""

    settings: Settings
    versions: dict[str, Stored]


_BUILT: list[ExportInstance] = []


def sample_instance(tmp_path_factory: pytest.TempPathFactory) -> ExportInstance:
    """The instance, built on first use in the session (each test module asks for it)."""
    if not _BUILT:
        _BUILT.append(_build(tmp_path_factory))
    return _BUILT[0]


def _build(tmp_path_factory: pytest.TempPathFactory) -> ExportInstance:
    settings = Settings(home=tmp_path_factory.mktemp("exports") / "home")
    init_instance(settings).close()
    for file, slug, schema in EXPORT_SAMPLES:
        ingest_sample(settings, SAMPLES / file, slug, schema=schema)
    instance = open_instance(settings)
    versions = {}
    try:
        with instance.session() as session:
            for _file, slug, _schema in EXPORT_SAMPLES:
                version = repo.latest_version(session, slug)
                assert version is not None
                source = instance.lake.data_file(version.lake_path)
                fields = fields_for(pq.read_schema(source), version.schema_json)
                versions[slug] = Stored(source, fields)
    finally:
        instance.close()
    return ExportInstance(settings, versions)
