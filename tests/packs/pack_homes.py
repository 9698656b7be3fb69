"""Instances with one pack installed and real sample files ingested, and independent readers
of the raw CSVs and of the stored results (helpers of the pack tests)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from territoria.catalog import repository as repo
from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.instance import init_instance, open_instance
from territoria.services.packs import install_pack

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
CopyOf = Callable[[str, Callable[[Path], object]], Path]
"""The ``instance_copy`` fixture of tests/conftest.py."""


def installed(home: Path, pack_id: str, territory: str = "pays:FR") -> Settings:
    """A fresh instance in ``home`` with ``pack_id`` installed."""
    settings = Settings(home=home)
    init_instance(settings).close()
    install_pack(settings, pack_id, territory, ADMIN)
    return settings


@dataclass(frozen=True)
class Ingested:
    """What the tests read of an :class:`IngestResult` made while the instance was built
    (in another worker, maybe): the pack's report and the version's invalid rows."""

    pack: dict[str, Any] | None
    invalid_row_count: int | None


def built_once(
    instance_copy: CopyOf, pack_id: str, files: Sequence[tuple[Path, str]]
) -> tuple[Settings, list[Ingested]]:
    """A private copy of an instance with ``pack_id`` installed and each (file, slug) of
    ``files`` ingested in order, with what each ingest reported: built once per test run
    (the ``instance_copy`` fixture of tests/conftest.py), not once per module and worker."""

    def build(home: Path) -> None:
        settings = installed(home, pack_id)
        done = []
        for path, slug in files:
            result = ingest(settings, path, slug)
            invalid = result.version.invalid_row_count if result.version else None
            done.append({"pack": result.pack, "invalid_row_count": invalid})
        (home.parent / "ingested.json").write_text(json.dumps(done), encoding="utf-8")

    name = "-".join([pack_id, *(path.stem for path, _ in files)])
    home = instance_copy(name, build)
    done = json.loads((home.parent / "ingested.json").read_text(encoding="utf-8"))
    return Settings(home=home), [Ingested(**item) for item in done]


def ingest(settings: Settings, path: Path, slug: str, quarantine: bool = True) -> IngestResult:
    """``territoria ingest PATH --dataset SLUG [--quarantine]`` through the service."""
    return ingest_file(
        path,
        slug,
        schema_ref=None,
        org_code=None,
        quarantine=quarantine,
        options=ReadOptions(),
        settings=settings,
    )


def latest_rows(settings: Settings, slug: str) -> list[dict[str, Any]]:
    """The rows of the latest version of ``slug``, as stored in the lake."""
    instance = open_instance(settings)
    try:
        with instance.session() as session:
            version = repo.latest_version(session, slug)
            assert version is not None, slug
            path = instance.lake.data_file(version.lake_path)
    finally:
        instance.close()
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def results_by_key(
    settings: Settings, pack_id: str, indicator: str, dimensions: tuple[str, ...] = ()
) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Results of ``indicator`` by (territory, period, *dimension values)."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in latest_rows(settings, f"indicateurs-{pack_id}"):
        if row["indicateur"] == indicator:
            key = (row["territoire"], row["periode"], *(row[d] for d in dimensions))
            assert key not in found, key
            found[key] = row
    return found


def read_csv(path: Path, encoding: str = "utf-8-sig", delimiter: str = ";") -> list[dict[str, str]]:
    """The raw file with the csv module (the tests' own reading, not the ingest readers')."""
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def french_number(text: str) -> float:
    """``"1 146"`` → 1146.0, ``"308491,1601"`` → 308491.1601 (the tests' own parsing)."""
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def departement_id(code: str) -> str:
    """``1`` → ``departement:01``; ``2A``, ``971`` unchanged."""
    return f"departement:{code.zfill(2)}"
