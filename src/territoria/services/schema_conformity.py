"""Whether a dataset conforms to its schema, as the catalogue's badge shows it.

The rule reads the metadata dict (:mod:`~territoria.services.metadata_view`): a dataset
declares a schema (``schemaRef``; a national one when ``conformsTo`` is a
schema.data.gouv.fr URL), and its latest version either holds every row valid or kept some
rows aside (``invalidRows``, quarantined at ingest). Versions refused by validation are
never stored, so a stored version with no invalid row conforms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from territoria.catalog.conformance import SCHEMA_SITE

Status = Literal["conforms", "rows-set-aside", "no-data", "no-schema"]


def is_national_schema(meta: Mapping[str, Any]) -> bool:
    """Whether the dataset follows a national schema (one schema.data.gouv.fr publishes)."""
    return str(meta.get("conformsTo") or "").startswith(SCHEMA_SITE)


def schema_conformity(meta: Mapping[str, Any]) -> dict[str, Any]:
    """``{status, schema, national, url, invalidRows, rows}`` of one dataset's metadata dict:
    ``conforms`` (every row of the latest version valid), ``rows-set-aside`` (some rows
    quarantined), ``no-data`` (a schema but no version yet), ``no-schema``."""
    schema = meta.get("schemaRef") or meta.get("conformsTo")
    latest = meta.get("latestVersion") or {}
    invalid = int(latest.get("invalidRows") or 0)
    status: Status
    if not schema:
        status = "no-schema"
    elif not latest:
        status = "no-data"
    elif invalid > 0:
        status = "rows-set-aside"
    else:
        status = "conforms"
    return {
        "status": status,
        "schema": schema,
        "national": is_national_schema(meta),
        "url": meta.get("conformsTo"),
        "invalidRows": invalid,
        "rows": latest.get("rows"),
    }
