"""A sample file ingested into a test instance as ``territoria ingest`` does by default:
quarantine on (invalid rows set aside, never a refusal of the whole file), default reading
options; one call for the fixtures that fill instances with real files."""

from __future__ import annotations

from pathlib import Path

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.services.ingesting import IngestResult, ingest_file


def ingest_sample(
    settings: Settings,
    path: Path,
    slug: str,
    *,
    schema: str | None = None,
    org: str | None = "217500016",
    visibility: str | None = None,
) -> IngestResult:
    """A new version of ``slug`` from ``path`` (publisher Ville de Paris unless ``org``)."""
    return ingest_file(
        path,
        slug,
        schema_ref=schema,
        org_code=org,
        quarantine=True,
        options=ReadOptions(),
        settings=settings,
        visibility=visibility,
    )
