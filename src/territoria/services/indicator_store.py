"""Store a pack's computed indicators as the next version of ``indicateurs-<pack>``, a version
like any other (so the open-data APIs and exports serve them like any dataset)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from territoria.config import Settings
from territoria.packs.pack import Pack
from territoria.services.ingesting import IngestResult
from territoria.services.typed_versions import store_typed_table

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
    ``compute`` orders its rows, so the same results make the same file)."""
    return store_typed_table(
        settings,
        table,
        pack.results_slug,
        schema=results_schema(table),
        title=f"Indicateurs — {pack.title.fr}",
    )
