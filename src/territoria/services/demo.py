"""Build the demo instance: wipe it, initialise it, ingest the bundled real public files."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from territoria.config import Settings
from territoria.demo.manifest import MANIFEST, ORGANISATIONS
from territoria.ingest.table import ReadOptions
from territoria.security.actor import ADMIN
from territoria.services.ingesting import IngestResult, ingest_file
from territoria.services.instance import init_instance
from territoria.services.metadata import edit_dataset


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
    return results
