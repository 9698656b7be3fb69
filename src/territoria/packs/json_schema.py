"""The JSON Schemas of ``pack.yaml`` and ``dashboard.yaml``, generated from the models and
committed for pack authors' editors: ``python -m territoria.packs.json_schema`` rewrites them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from territoria.packs.dashboard import Dashboard
from territoria.packs.manifest import PackManifest

FOLDER = Path(__file__).resolve().parent
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "pack.schema.json": (PackManifest, "A pack manifest: packs/<pack>/pack.yaml"),
    "dashboard.schema.json": (Dashboard, "A pack's dashboard: packs/<pack>/dashboard.yaml"),
}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) named ``name`` (a key of :data:`SCHEMAS`)."""
    model, description = SCHEMAS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://territoria.fr/schemas/{name}",
        **model.model_json_schema(mode="validation", by_alias=True),
        "description": description,
    }


def render(name: str) -> str:
    """The schema as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schemas into ``argv[0]`` (a folder) or beside this module."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else FOLDER
    for name in SCHEMAS:
        (folder / name).write_text(render(name), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
