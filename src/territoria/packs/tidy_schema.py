"""The Table Schema of a pack dataset's tidy rows: the pack's own file, or derived from a
bundled national schema (its fields, optional, beside ``territoire`` and ``periode``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from territoria.schemas.registry import find_bundled

TERRITORY_FIELD = "territoire"
PERIOD_FIELD = "periode"
_KEY_FIELDS: list[dict[str, Any]] = [
    {
        "name": TERRITORY_FIELD,
        "title": "Territoire (niveau:code, COG 2026)",
        "type": "string",
        "constraints": {"pattern": r"^[a-z]+:[0-9A-Z]+$"},
    },
    {"name": PERIOD_FIELD, "title": "Période", "type": "string"},
]


def tidy_schema(ref: str, folder: Path) -> tuple[dict[str, Any], bool]:
    """(the tidy schema, whether ``ref`` names a national schema). A national schema's
    fields become optional: a local publication variant rarely has them all, and a column a
    file lacks is stored empty, never invented."""
    bundled = find_bundled(ref)
    if bundled is None:
        schema: dict[str, Any] = json.loads((folder / ref).read_text(encoding="utf-8"))
        return schema, False
    national = json.loads(bundled.path.read_text(encoding="utf-8"))
    fields = [dict(_KEY_FIELDS[0]), dict(_KEY_FIELDS[1])]
    for item in national.get("fields", []):
        if item["name"] in (TERRITORY_FIELD, PERIOD_FIELD):
            continue
        copy = dict(item)
        constraints = {k: v for k, v in copy.get("constraints", {}).items() if k != "required"}
        copy.pop("constraints", None)
        if constraints:
            copy["constraints"] = constraints
        fields.append(copy)
    derived = {
        "name": f"{national.get('name', ref)}-tidy",
        "title": national.get("title", ref),
        "fields": fields,
        "missingValues": [""],
    }
    return derived, True
