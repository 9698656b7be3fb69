"""Store a pack's computed indicators as the next version of ``indicateurs-<pack>``, through
the one ingest service (so the open-data APIs and exports serve them like any dataset)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from territoria.config import Settings
from territoria.ingest.table import ReadOptions
from territoria.packs.pack import Pack
from territoria.services.ingesting import IngestResult, ingest_file

_TYPES = {"valeur": "number", "numerateur": "number", "denominateur": "number"}
_INTEGERS = ("contributeurs", "attendus")
_TITLES = {
    "indicateur": "Indicateur (<pack>.<nom>)",
    "territoire": "Territoire (niveau:code, COG 2026)",
    "niveau": "Niveau du territoire",
    "periode": "Période",
    "valeur": "Valeur",
    "numerateur": "Numérateur",
    "denominateur": "Dénominateur",
    "contributeurs": "Territoires de la source ayant des données",
    "attendus": "Territoires de la source attendus",
}


def results_schema(table: pa.Table) -> dict[str, Any]:
    """The Table Schema of a results table (dimension columns as text)."""
    fields = []
    for name in table.column_names:
        kind = "integer" if name in _INTEGERS else _TYPES.get(name, "string")
        fields.append({"name": name, "title": _TITLES.get(name, f"Dimension {name}"), "type": kind})
    return {"name": "indicateurs", "fields": fields, "missingValues": [""]}


def store_results(settings: Settings, pack: Pack, table: pa.Table) -> IngestResult:
    """A new version of the pack's results dataset (none when the results did not change:
    rows are sorted, so the same results make the same file; text columns stored as plain
    text whether the computation dictionary-encoded them or not)."""
    fields = [
        pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f
        for f in table.schema
    ]
    table = table.cast(pa.schema(fields))
    keys = ["indicateur", "niveau", "territoire", "periode"]
    keys += [c for c in table.column_names if c not in _TITLES]  # the dimensions
    table = table.sort_by([(name, "ascending") for name in keys])
    settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=settings.tmp_dir, prefix="indicators-") as scratch:
        path = Path(scratch) / f"{pack.results_slug}.parquet"
        pq.write_table(table, path)
        return ingest_file(
            path,
            pack.results_slug,
            schema_ref=results_schema(table),
            org_code=None,
            quarantine=False,
            options=ReadOptions(format="parquet"),
            settings=settings,
            title=f"Indicateurs — {pack.title.fr}",
            route=False,
        )
