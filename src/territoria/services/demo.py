"""Build the demo instance: wipe it, initialise it, ingest the bundled real public files, install
the five packs for France and ingest their real samples (each ingest recomputes its pack)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

from territoria.config import Settings
from territoria.demo.manifest import (
    MANIFEST,
    ORGANISATIONS,
    PACK_DATASET_LICENCES,
    PACK_DATASET_PUBLISHERS,
    PACKS,
)
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.instance import init_instance
from territoria.services.metadata import edit_dataset
from territoria.services.packs import install_pack

DEMO_TERRITORY = "pays:FR"


def build_demo(
    settings: Settings, on_file: Callable[[str], None] = lambda _slug: None
) -> list[IngestResult]:
    """A fresh demo instance in ``settings.home`` (a previous one is erased first).

    Real files are messy: invalid rows go to quarantine instead of stopping the demo. Each
    dataset then gets its catalogue metadata (publisher, licence, themes, coverage) through the
    same service as ``territoria datasets edit``.
    """
    if settings.home.exists():
        shutil.rmtree(settings.home)
    init_instance(settings).close()
    results = []
    for entry in MANIFEST:
        on_file(entry.slug)
        result = ingest_file(
            entry.path,
            entry.slug,
            schema_ref=entry.schema,
            org_code=entry.organisation,
            quarantine=True,
            options=ReadOptions(),
            settings=settings,
            title=entry.title,
        )
        results.append(result)
        publisher = {"code": entry.organisation, "name": ORGANISATIONS[entry.organisation]}
        edit_dataset(settings, entry.slug, {**entry.metadata, "publisher": publisher}, ADMIN)
    results.extend(_packs(settings, on_file))
    return results


def _packs(settings: Settings, on_file: Callable[[str], None]) -> list[IngestResult]:
    """Install each demo pack for France and ingest its samples, role by role, in order."""
    from territoria.packs.registry import get_pack

    results = []
    for pack_id, metadata in PACKS.items():
        install_pack(settings, pack_id, DEMO_TERRITORY, ADMIN)
        pack = get_pack(pack_id)
        for role, files in pack.samples().items():
            slug = pack.datasets[role].slug
            for path in files:
                on_file(slug)
                results.append(
                    ingest_file(
                        path,
                        slug,
                        schema_ref=None,
                        org_code=None,
                        quarantine=True,
                        options=ReadOptions(),
                        settings=settings,
                    )
                )
            changes: dict[str, Any] = {
                "license": PACK_DATASET_LICENCES.get(slug, metadata["license"])
            }
            code = PACK_DATASET_PUBLISHERS.get(slug, metadata.get("publisher"))
            if code is not None:
                changes["publisher"] = {"code": code, "name": ORGANISATIONS[code]}
            edit_dataset(settings, slug, changes, ADMIN)
    return results
